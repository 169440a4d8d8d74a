FROM alpine:3.20
# hadolint ignore=DL3018 -- foreign pragmas for rules berth lacks are not noise
RUN apk add curl
USER app
