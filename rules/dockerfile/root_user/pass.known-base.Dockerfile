ARG REPO=mcr.microsoft.com/dotnet/runtime-deps
FROM $REPO:8.0-jammy-chiseled
COPY app /app

FROM jenkins/jenkins:lts-jdk17 AS ci
COPY plugins.txt /usr/share/jenkins/ref/plugins.txt
