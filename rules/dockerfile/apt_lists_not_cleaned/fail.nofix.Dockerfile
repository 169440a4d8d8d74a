# syntax=docker/dockerfile:1
FROM ubuntu:24.04
# No fix: a heredoc body, a trailing comment and a trailing `;` make appending unsafe.
RUN <<EOF
apt-get update
apt-get install -y --no-install-recommends python3
#^^^^^^^^^^^^^^^ DF506
EOF
RUN apt-get update && apt-get install -y --no-install-recommends git # pinned by renovate
#                     ^^^^^^^^^^^^^^^ DF506
RUN apt-get update && apt-get install -y --no-install-recommends vim;
#                     ^^^^^^^^^^^^^^^ DF506
RUN ["apt-get", "install", "-y", "--no-install-recommends", "less"]
#    ^^^^^^^^^^^^^^^^^^^^ DF506
