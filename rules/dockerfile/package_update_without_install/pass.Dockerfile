# syntax=docker/dockerfile:1
FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl
RUN apt-get update; apt-get -y dist-upgrade
RUN apt-get update && ./install-deps.sh
RUN apt-get update && bash /tmp/setup.sh
RUN apt-get update && install_packages jq
RUN apt-get update && curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
RUN <<EOF
apt-get update
apt-get install -y --no-install-recommends git
EOF
FROM alpine:3.20
RUN apk update && apk add curl
RUN apk update && apk upgrade
FROM rockylinux:9
RUN yum makecache && yum install -y httpd
RUN yum update -y
RUN apt-get update; xargs -rt < ./apt-deps.txt apt-get install -y --no-install-recommends; apt-get dist-clean
