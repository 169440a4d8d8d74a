# syntax=docker/dockerfile:1
FROM ubuntu:24.04
RUN apt list --installed > /packages.txt && apt search curl
#   ^^^ DF512 apt-instead-of-apt-get: use `apt-get`, `apt-cache` or `dpkg-query`
#                                           ^^^ DF512
RUN apt upgrade -y
#   ^^^ DF512
RUN <<EOF
apt-get update
apt install -y python3
#^^^ DF512
EOF
