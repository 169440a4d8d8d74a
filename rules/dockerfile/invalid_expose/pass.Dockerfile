FROM nginx:1.27
EXPOSE 80 443/tcp 53/udp 9000/sctp 0 65535
EXPOSE 40000-60000/tcp 8000-8000
EXPOSE ${FOOBAR} 40000-${FOOBAR}
ARG PORT=8080
EXPOSE $PORT \
       ${PORT}/udp
# Values naming other variables, or defaulting to themselves, are not judged.
ENV ADMIN_PORT=${CUSTOM_ADMIN_PORT} MS_PORT=$ms_port PORT_SSL=${PORT_SSL:-1636}
EXPOSE $ADMIN_PORT $MS_PORT ${PORT_SSL}
