FROM debian:12-slim AS base
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN apt-get update \
    # lists are removed before the install, which downloads nothing new: still left behind
    && rm -rf /var/lib/apt/lists/* \
    && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*
FROM base
RUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y --no-install-recommends make && rm -rf /var/lib/apt/lists/*
RUN apt-get update; DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    jq \
    wget && rm -rf /var/lib/apt/lists/*
RUN apt update && apt install -y --no-install-recommends less | tee /tmp/log && rm -rf /var/lib/apt/lists/*
