FROM debian:12-slim
RUN apt-get update
#   ^^^^^^^^^^^^^^ DF510 package-update-without-install: in a RUN that installs nothing
RUN apt-get -qq update \
#   ^^^^^^^^^^^^^^^^^^ DF510
    # only the index
    && apt-cache policy curl
FROM alpine:3.20
RUN apk update; echo done | tee /tmp/log
#   ^^^^^^^^^^ DF510
FROM rockylinux:9
RUN sudo yum makecache && dnf check-update
#        ^^^^^^^^^^^^^ DF510
#                         ^^^^^^^^^^^^^^^^ DF510
FROM opensuse/leap:15
RUN zypper --non-interactive refresh
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ DF510
