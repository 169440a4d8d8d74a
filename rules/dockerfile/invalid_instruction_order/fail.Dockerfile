# syntax=docker/dockerfile:1
ARG BASE=alpine:3.20
LABEL org.opencontainers.image.source=https://github.com/acme/app
#^^^^^ DF005 invalid-instruction-order
FROM ${BASE}
