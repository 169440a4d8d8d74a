# syntax=docker/dockerfile:1
FROM alpine:3.20
ADD --checksum=sha256:c5b0666b4cb676901f90dfcb37106783c5fe2077b04590973b885950611b30ee \
    https://github.com/krallin/tini/releases/download/v0.19.0/tini-static /tini
ADD https://github.com/moby/buildkit.git#9b0bdb600641f3dd1d96f54ac2d86581ab6433b2 /src
ADD --keep-git-dir=true "https://github.com/opencontainers/runc.git#$RUNC_VERSION" /runc
ADD app.tar.gz /opt/
ADD git@github.com:moby/buildkit.git /buildkit
COPY https-notes.txt /docs/
RUN curl -fsSLo /tini https://example.com/tini
