FROM golang:1.22 AS build
FROM gcr.io/distroless/static-debian12
# Run by Kubernetes, which uses probes instead.
HEALTHCHECK NONE
