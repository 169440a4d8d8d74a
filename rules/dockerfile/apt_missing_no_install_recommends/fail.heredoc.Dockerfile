# syntax=docker/dockerfile:1
FROM ubuntu:24.04
RUN <<EOF
set -e
apt-get update
apt-get install -y python3
#^^^^^^^^^^^^^^^ DF505
EOF
