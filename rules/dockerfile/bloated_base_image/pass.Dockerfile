ARG TAG
FROM golang:1.22 AS build
RUN CGO_ENABLED=0 go build -o /out/app .
FROM python:3.12 AS tests
FROM python:3.12-slim-bookworm
COPY --from=build /out/app /app
