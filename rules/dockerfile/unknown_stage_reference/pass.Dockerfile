ARG BASE=alpine:3.20
FROM golang:1.22 AS Build
RUN go build -o /out/app ./cmd/app

FROM ${BASE} AS runtime
# Stage names are case-insensitive; indexes of earlier stages are fine.
COPY --from=build /out/app /usr/local/bin/app
COPY --from=BUILD /out/app /usr/local/bin/app2
COPY --from=0 /out/app /app3
# Images, not stages.
COPY --from=ghcr.io/astral-sh/uv:0.4 /uv /usr/local/bin/uv
COPY --from=localhost:5000/tools /bin/tool /bin/tool
COPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/nginx/
COPY --from=busybox /bin/busybox /bin/busybox
COPY --from=docker.io/library/redis@sha256:0123456789abcdef /usr/local/bin/redis-server /bin/
RUN --mount=type=cache,from=build,source=/go/pkg,target=/cache ls /cache
RUN --mount=type=bind,from=quay.io/org/img:1,target=/x ls /x
ARG STAGE=build
COPY --from=${STAGE} /out/app /app4
FROM runtime
FROM ubuntu
ONBUILD COPY --from=builder /app /app
RUN <<EOF
echo "COPY --from=nowhere" > /notes
EOF
