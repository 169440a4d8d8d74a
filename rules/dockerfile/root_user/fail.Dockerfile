# A root builder is fine; the shipped stage switches back to root.
FROM golang:1.22 AS build
USER root
RUN go build -o /app .

FROM debian:12-slim
COPY --from=build /app /app
USER app
RUN ./setup.sh
USER root
#    ^^^^ DF201 root-user: last USER is `root`
CMD ["/app"]
