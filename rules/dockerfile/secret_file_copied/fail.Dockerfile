FROM alpine:3.20 AS build
COPY id_rsa /root/.ssh/id_rsa
#    ^^^^^^ DF303 secret-file-copied: COPY of `id_rsa` puts an SSH private key into an image layer
COPY keys/id_ed25519 keys/id_ed25519.pub /root/.ssh/
#    ^^^^^^^^^^^^^^^ DF303
ADD .ssh/ /root/.ssh/
#   ^^^^^ DF303 secret-file-copied: SSH directory
COPY ["secrets/server.key", "/etc/ssl/private/"]
#     ^^^^^^^^^^^^^^^^^^^^ DF303 secret-file-copied: private key file

FROM node:20-slim
COPY .npmrc package.json package-lock.json /app/
#    ^^^^^^ DF303 secret-file-copied: registry tokens
COPY .env /app/.env
#    ^^^^ DF303
COPY .env.production /app/
#    ^^^^^^^^^^^^^^^ DF303
COPY --chown=node .pypirc .netrc .git-credentials /home/node/
#                 ^^^^^^^ DF303
#                         ^^^^^^ DF303
#                                ^^^^^^^^^^^^^^^^ DF303
COPY config/.aws/credentials /root/.aws/credentials
#    ^^^^^^^^^^^^^^^^^^^^^^^ DF303 secret-file-copied: AWS credentials
COPY .docker/config.json /root/.docker/
#    ^^^^^^^^^^^^^^^^^^^ DF303
COPY --from=build /src/credentials.json /app/
#                 ^^^^^^^^^^^^^^^^^^^^^ DF303
COPY tls/*.pem /etc/app/tls/
#    ^^^^^^^^^ DF303 secret-file-copied: PEM file
COPY signing.p12 /app/
#    ^^^^^^^^^^^ DF303
ONBUILD COPY id_rsa /root/.ssh/
#            ^^^^^^ DF303
