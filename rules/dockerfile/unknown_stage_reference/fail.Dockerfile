# syntax=docker/dockerfile:1
FROM golang:1.22 AS build
RUN go build -o /out/app ./cmd/app

FROM alpine:3.20 AS assets
COPY --from=biuld /out/app /usr/local/bin/app
          # ^^^^^ DF002 unknown-stage-reference
COPY --from=assets /etc/passwd /tmp/passwd
          # ^^^^^^ DF002 unknown-stage-reference
COPY --from=Final /x /x
          # ^^^^^ DF002 unknown-stage-reference
COPY --from=1 /a /a
          # ^ DF002 unknown-stage-reference
COPY --from=7 /a /a
          # ^ DF002 unknown-stage-reference
RUN --mount=type=bind,from=bulid,target=/src \
                         # ^^^^^ DF002 unknown-stage-reference
    cp /src/app /usr/local/bin/

FROM final AS loop
   # ^^^^^ DF002 unknown-stage-reference
FROM --platform=$BUILDPLATFORM alpine:3.20 AS final
FROM final AS final2
COPY --from=Build /out/app /app
