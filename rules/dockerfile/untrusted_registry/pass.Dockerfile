ARG IMAGE
FROM ubuntu:24.04 AS builder
FROM zemanlx/ubuntu:18.04 AS hub-user
FROM docker.io/zemanlx/ubuntu:18.04 AS hub-explicit
FROM index.docker.io/library/alpine:3.20 AS hub-alias
FROM eu.corp.example/base:1 AS mirror
FROM localhost:5000/team/app:1.2 AS local
FROM ghcr.io/acme/app:1 AS acme
FROM ghcr.io/ACME/tools/cli:2 AS acme-nested
FROM ${IMAGE} AS unknown-until-build
FROM builder AS child
FROM scratch
COPY --from=builder /a /a
COPY --from=0 /a /b
COPY --from=nginx:1.27 /etc/nginx/ /etc/nginx/
RUN --mount=type=cache,from=child,target=/x ls /x
