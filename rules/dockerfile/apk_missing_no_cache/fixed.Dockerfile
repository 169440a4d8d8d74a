FROM alpine:3.20
RUN apk update && apk add --no-cache curl
RUN apk add --no-cache --virtual .build-deps \
    # build tools, removed below
    gcc musl-dev \
    && apk del .build-deps
RUN apk -U add --no-cache git; sudo apk add --no-cache --update jq
RUN --mount=type=cache,target=/var/cache/foo apk add --no-cache make
