ARG TAG
FROM python:${TAG} AS unknown-until-build
FROM node:22-alpine AS a
FROM eclipse-temurin:21-jre AS b
FROM debian:12-slim AS c
FROM rockylinux:9-minimal AS d
FROM mcr.microsoft.com/dotnet/aspnet:8.0 AS e
FROM myregistry.example/python:3.12 AS f
FROM openjdk:17-jdk-slim AS g
FROM gcr.io/distroless/static-debian12
