ARG AWS_ACCESS_KEY_ID
#   ^^^^^^^^^^^^^^^^^ DF302 secret-in-arg: ARG `AWS_ACCESS_KEY_ID` looks like a secret (ACCESS_KEY): build arguments persist in the image history
ARG BASE=node:20-slim
FROM ${BASE}
ARG NPM_TOKEN
#   ^^^^^^^^^ DF302 secret-in-arg: use RUN --mount=type=secret
ARG openai_api_key
#   ^^^^^^^^^^^^^^ DF302
ARG DB_PASSWORD=dev-only GIT_COMMIT=unknown
#   ^^^^^^^^^^^ DF302
ARG PIP_EXTRA_INDEX_URL=https://ci:Zx9kL2pQ@pypi.example.com/simple
#                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ DF302 secret-in-arg: ARG `PIP_EXTRA_INDEX_URL` has a default that is a URL with an embedded password (https://***:***@pypi.example.com)
ARG SSH_PRIVATE_KEY \
#   ^^^^^^^^^^^^^^^ DF302 secret-in-arg: (PRIVATE_KEY)
    DEPLOY_KEY
RUN echo "$NPM_TOKEN" > /dev/null
