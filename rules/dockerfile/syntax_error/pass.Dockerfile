# syntax=docker/dockerfile:1
# escape=\
ARG BASE=alpine:3.20
FROM ${BASE} AS build
RUN <<EOF
set -e
apk add --no-cache build-base
EOF
COPY --chmod=755 <<-"SCRIPT" /usr/local/bin/start
	#!/bin/sh
	exec "$@"
	SCRIPT
ENV A=1 B="two words" \
    C=3
LABEL org.opencontainers.image.title="demo"
HEALTHCHECK --interval=30s CMD wget -qO- http://localhost/ || exit 1
ONBUILD RUN echo child build
USER 65532:65532
CMD ["/usr/local/bin/start", "sleep", "infinity"]
