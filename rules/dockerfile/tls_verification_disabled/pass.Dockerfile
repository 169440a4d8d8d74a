# syntax=docker/dockerfile:1
FROM node:20-slim
ENV NODE_TLS_REJECT_UNAUTHORIZED=1 PYTHONHTTPSVERIFY=1 NPM_CONFIG_STRICT_SSL=true
ENV NODE_TLS_REJECT_UNAUTHORIZED=${TLS_REJECT}
RUN curl -fsSL https://example.com/tool -o /usr/local/bin/tool && curl -H "X-key: k" https://example.com
RUN wget -q https://example.com/x && pip install --cert /etc/ssl/certs/ca.crt mypkg
RUN apk add --no-cache curl && apt-get install -y --no-install-recommends git
RUN npm config set strict-ssl true && git config --global http.sslVerify true
RUN echo "curl -k is bad" && grep -k pattern file || true
RUN rpm -qa --nodigest-please-not-a-flag; rpm --import /etc/pki/key.asc
RUN apk add --no-cache --allow-untrusted /tmp/packages/nginx-module-*.apk
RUN apt-get purge -y --force-yes curl
