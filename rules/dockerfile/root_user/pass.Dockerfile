# Builder stages run as root; only the shipped stage counts.
FROM golang:1.22 AS build
USER root
RUN go build -o /app .

FROM gcr.io/distroless/static-debian12
COPY --from=build /app /app
USER 65532:65532
CMD ["/app"]
