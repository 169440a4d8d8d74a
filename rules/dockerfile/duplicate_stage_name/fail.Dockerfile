FROM golang:1.22 AS build
RUN go build ./...

FROM --platform=$BUILDPLATFORM node:22 AS Build
                                        # ^^^^^ DF003 duplicate-stage-name
RUN npm ci

FROM alpine:3.20 AS runtime
FROM alpine:3.20 as build
                  # ^^^^^ DF003 duplicate-stage-name
