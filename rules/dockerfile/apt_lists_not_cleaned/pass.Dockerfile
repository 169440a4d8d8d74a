# syntax=docker/dockerfile:1
FROM debian:12-slim AS builder
# Not in the shipped image: only files copied out of it ship.
RUN apt-get update && apt-get install -y --no-install-recommends build-essential

FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
       # comment inside the continuation
       git \
    && apt-get clean \
    && rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*
RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y --no-install-recommends jq
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt,sharing=locked \
    apt-get update && apt-get install -y --no-install-recommends make
RUN --mount=type=tmpfs,target=/var/lib/apt/lists apt-get update && apt-get install -y --no-install-recommends vim
RUN <<EOF
set -eux
apt-get update
apt-get install -y --no-install-recommends wget
rm -rf /var/lib/apt/lists/*
EOF
RUN apt-get update && apt-get install -y --no-install-recommends less; rm -rf /var/lib/apt
COPY --from=builder /usr/local/bin/tool /usr/local/bin/tool
RUN set -eux; \
	apt-get update; \
	apt-get install -y --no-install-recommends \
		tk-dev \
	; \
	apt-get dist-clean
