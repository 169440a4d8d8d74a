# A builder stage's ports are never published.
FROM alpine:3.20 AS build
EXPOSE 22

FROM nginx:1.27
EXPOSE 80 443 2222 8022 220 5901
EXPOSE ${SSH_PORT}
EXPOSE 8000-8010
