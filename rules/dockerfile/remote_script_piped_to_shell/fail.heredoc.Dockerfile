# syntax=docker/dockerfile:1
FROM alpine:3.20
RUN <<EOF
set -e
curl -fsSL https://get.docker.com | sh
#^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ DF501
EOF
