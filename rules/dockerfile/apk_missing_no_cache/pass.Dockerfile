# syntax=docker/dockerfile:1
FROM alpine:3.20 AS builder
RUN apk add build-base

FROM alpine:3.20
RUN apk add --no-cache curl
RUN apk --no-cache add git
RUN --mount=type=cache,target=/var/cache/apk apk add -U jq
RUN --mount=type=tmpfs,target=/var/cache/apk apk add -U make
RUN --mount=type=cache,target=/etc/apk/cache apk add vim
RUN apk update && apk add less && rm -rf /var/cache/apk/*
RUN apk del curl && apk info
RUN ["apk", "add", "--no-cache", "tzdata"]
COPY --from=builder /usr/bin/make /usr/local/bin/make
RUN apk add --no-network --virtual .rundeps $runDeps
