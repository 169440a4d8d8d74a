# syntax=docker/dockerfile:1
FROM debian:12-slim
ARG INSTALL_SHA256
RUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \
    && echo "${INSTALL_SHA256}  /tmp/install.sh" | sha256sum -c - \
    && sh /tmp/install.sh
RUN curl -fsSL https://example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/example.gpg
RUN curl -fsSL https://example.com/app.tar.gz | tar -xz -C /opt
RUN curl -s https://api.github.com/repos/o/r/releases/latest | python3 -c 'import json,sys; print(json.load(sys.stdin)["tag_name"])'
RUN curl -s https://example.com/data.json | python3 -m json.tool
RUN curl -s https://example.com/input.txt | bash /usr/local/bin/process.sh
RUN VERSION="$(curl -fsSL https://example.com/version)" && bash /opt/setup.sh "$(curl -s https://example.com/v)"
RUN echo "curl https://example.com | sh" > /README
RUN cat /tmp/local.sh | sh
