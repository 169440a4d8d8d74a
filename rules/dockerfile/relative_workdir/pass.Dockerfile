FROM node:22-slim AS build
WORKDIR /usr/src
WORKDIR app
FROM build AS test
WORKDIR tests
FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS win
WORKDIR C:\\app
WORKDIR c:/tools
FROM alpine:3.20
WORKDIR ${APP_HOME}
WORKDIR $HOME/x
WORKDIR "/usr/local"
ONBUILD WORKDIR relative
