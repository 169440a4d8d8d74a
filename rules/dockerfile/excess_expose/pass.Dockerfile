FROM nginx:1.27 AS web
EXPOSE 80 443
EXPOSE 80/tcp 443/tcp 8080
EXPOSE 9000-9015/udp

FROM web
# Each stage has its own count.
EXPOSE 1 2 3
EXPOSE ${UNSET_PORT}
