FROM alpine:3.20
ENV API_TOKEN=abc123def456 \
#   ^^^^^^^^^ DF301
    SMTP_PASSWORD=p4ss
#   ^^^^^^^^^^^^^ DF301
