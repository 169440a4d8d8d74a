ARG REGISTRY=quay.io
FROM random.com/debian:12 AS builder
   # ^^^^^^^^^^^^^^^^^^^^ DF104 untrusted-registry
FROM ${REGISTRY}/prometheus/node-exporter:v1.8.0 AS exporter
   # ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ DF104 untrusted-registry
FROM --platform=$BUILDPLATFORM localhost:5001/tools:1 AS tools
                             # ^^^^^^^^^^^^^^^^^^^^^^ DF104 untrusted-registry
FROM corp.example/base:1 AS apex-domain-is-not-a-subdomain
   # ^^^^^^^^^^^^^^^^^^^ DF104 untrusted-registry
FROM ghcr.io/other/app:1
   # ^^^^^^^^^^^^^^^^^^^ DF104 untrusted-registry
COPY --from=gcr.io/distroless/static-debian12 / /
          # ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ DF104 untrusted-registry
COPY --from=ghcr.io/acmecorp/tool:1 /tool /tool
          # ^^^^^^^^^^^^^^^^^^^^^^^ DF104 untrusted-registry
RUN --mount=type=bind,from=untrusted.com/repo/image:tag,target=/foo ls /foo
                         # ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ DF104 untrusted-registry
