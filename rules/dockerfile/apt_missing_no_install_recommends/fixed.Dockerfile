FROM debian:12-slim
RUN apt-get update && apt-get install --no-install-recommends -y curl && rm -rf /var/lib/apt/lists/*
RUN apt-get -y install --no-install-recommends git
RUN DEBIAN_FRONTEND=noninteractive sudo -E apt-get install --no-install-recommends -qy \
    # a comment inside the continuation
    ca-certificates \
    wget
RUN apt-get update; apt install --no-install-recommends -y jq
RUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install --no-install-recommends -y make
RUN xargs -r apt-get install --no-install-recommends -y < /tmp/packages.txt
RUN apt-get -o Dpkg::Options::=--force-confold install --no-install-recommends -y vim | tee /tmp/log
RUN if [ -n "$EXTRA" ]; then apt-get install --no-install-recommends -y "$EXTRA"; fi
