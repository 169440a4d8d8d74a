# syntax=docker/dockerfile:1
FROM debian:12-slim AS builder
# Build stages do not ship: recommends installed here cost nothing in the image.
RUN apt-get update && apt-get install -y build-essential

FROM debian:12-slim AS configured
RUN echo 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/99norecommends
RUN apt-get update && apt-get install -y curl

FROM configured
RUN apt-get update && apt-get install -y --no-install-recommends curl
RUN apt-get --no-install-recommends -y install git
RUN apt-get -o APT::Install-Recommends=false install -y vim
RUN apt-get update && apt-get upgrade -y && apt-get remove -y perl
RUN ["apt-get", "install", "--no-install-recommends", "-y", "less"]
RUN echo "apt-get install foo" > /tmp/notes
RUN <<EOF
apt-get install -y --no-install-recommends \
  jq
EOF
RUN python3 <<EOF
print("apt-get install -y nothing")
EOF
