ARG BASE=python:3.12-slim
ARG IMAGE
FROM ruby:2 AS ruby
FROM ${BASE} AS app
FROM ruby@sha256:f1dbca0f5dbc9f1dbca0f5dbc9 AS pinned
FROM localhost:5000/team/app:1.2 AS mirror
FROM ${IMAGE} AS unknown-until-build
FROM app AS child
FROM scratch
COPY --from=child /app /app
