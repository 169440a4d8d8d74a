# syntax=docker/dockerfile:1
FROM fedora:40 AS builder
RUN dnf install -y gcc make

FROM rockylinux:9
RUN yum install -y httpd && yum clean all
RUN yum install -y mariadb && rm -rf /var/cache/yum/*
RUN dnf install -y git && dnf clean all && rm -rf /var/cache/dnf
RUN yum install -y jq && dnf clean all
RUN microdnf install -y tar \
    # comment
    && microdnf clean all
RUN zypper install -y curl && zypper cc
RUN zypper -n in wget; zypper clean -a
RUN --mount=type=cache,target=/var/cache/dnf dnf install -y vim
RUN --mount=type=cache,target=/var/cache/libdnf5 dnf install -y less
RUN --mount=type=tmpfs,target=/var/cache/zypp zypper install -y gcc
RUN dnf group list && dnf module enable -y nodejs:20 && dnf makecache
RUN <<EOF
dnf install -y python3
dnf clean all
EOF
RUN ["dnf", "clean", "all"]
COPY --from=builder /usr/bin/make /usr/local/bin/make
