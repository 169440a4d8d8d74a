# syntax=docker/dockerfile:1
FROM alpine:3.20
ADD rootfs.tar.gz /
ADD vendor.tgz build.tar.xz deps.tar.bz2 data.tar.zst /opt/
ADD "file.tgz" /usr/src/app/
ADD https://example.com/tool /usr/local/bin/tool
ADD https://github.com/moby/buildkit.git#v0.14.0 /src
ADD git@github.com:moby/buildkit.git /buildkit
ADD ${ARCHIVE} /opt/
ADD <<EOF /etc/motd
hello
EOF
COPY app.py /app/
