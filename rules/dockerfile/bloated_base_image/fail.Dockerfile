# The builder stage may be big; only the shipped stage's base is judged.
FROM golang:1.22 AS build
RUN go build -o /out/app .

FROM python:3.12 AS base
   # ^^^^^^^^^^^ DF105 bloated-base-image
FROM base
COPY --from=build /out/app /app
