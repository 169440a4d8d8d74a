LABEL org.opencontainers.image.authors="Lukas"
FROM alpine:3.20
LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"
LABEL org.opencontainers.image.authors="\"quoted\" \$name \\path"
