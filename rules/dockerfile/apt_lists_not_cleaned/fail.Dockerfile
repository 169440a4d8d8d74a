FROM debian:12-slim AS base
RUN apt-get update && apt-get install -y --no-install-recommends curl
#                     ^^^^^^^^^^^^^^^ DF506 apt-lists-not-cleaned: leaves /var/lib/apt/lists
RUN apt-get update \
    # lists are removed before the install, which downloads nothing new: still left behind
    && rm -rf /var/lib/apt/lists/* \
    && apt-get install -y --no-install-recommends git
#      ^^^^^^^^^^^^^^^ DF506
FROM base
RUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y --no-install-recommends make
#                                                              ^^^^^^^^^^^^^^^ DF506
RUN apt-get update; DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
#                                                  ^^^^^^^^^^^^^^^ DF506
    jq \
    wget
RUN apt update && apt install -y --no-install-recommends less | tee /tmp/log
#                 ^^^^^^^^^^^ DF506
