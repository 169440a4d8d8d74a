# syntax=docker/dockerfile:1
FROM fedora:40
RUN <<EOF
dnf clean all
dnf install -y python3
#^^^^^^^^^^^ DF509
EOF
