FROM alpine:3.20
RUN apk update && apk add curl
#                 ^^^^^^^ DF507 apk-missing-no-cache: `apk add` without `--no-cache`
RUN apk add --virtual .build-deps \
#   ^^^^^^^ DF507
    # build tools, removed below
    gcc musl-dev \
    && apk del .build-deps
RUN apk -U add git; sudo apk add --update jq
#   ^^^^^^^^^^ DF507
#                        ^^^^^^^ DF507
RUN --mount=type=cache,target=/var/cache/foo apk add make
#                                            ^^^^^^^ DF507
