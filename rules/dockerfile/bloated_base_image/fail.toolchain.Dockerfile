FROM --platform=$BUILDPLATFORM golang:1.22-alpine
                             # ^^^^^^^^^^^^^^^^^^ DF105 bloated-base-image
RUN go build -o /app .
