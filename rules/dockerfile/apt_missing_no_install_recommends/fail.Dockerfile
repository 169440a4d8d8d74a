FROM debian:12-slim
RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
#                     ^^^^^^^^^^^^^^^ DF505 apt-missing-no-install-recommends: `apt-get install` without `--no-install-recommends`
RUN apt-get -y install git
#   ^^^^^^^^^^^^^^^^^^ DF505
RUN DEBIAN_FRONTEND=noninteractive sudo -E apt-get install -qy \
#                                          ^^^^^^^^^^^^^^^ DF505
    # a comment inside the continuation
    ca-certificates \
    wget
RUN apt-get update; apt install -y jq
#                   ^^^^^^^^^^^ DF505
RUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y make
#                                                              ^^^^^^^^^^^^^^^ DF505
RUN xargs -r apt-get install -y < /tmp/packages.txt
#            ^^^^^^^^^^^^^^^ DF505
RUN apt-get -o Dpkg::Options::=--force-confold install -y vim | tee /tmp/log
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ DF505
RUN if [ -n "$EXTRA" ]; then apt-get install -y "$EXTRA"; fi
#                            ^^^^^^^^^^^^^^^ DF505
