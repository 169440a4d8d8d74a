FROM eclipse-temurin:21-jre AS app
EXPOSE 8080 8443
EXPOSE 9090/tcp 9090 5005 1099
#                         ^^^^ DF401 excess-expose: the stage exposes 5 ports or ranges so far (more than max-ports 4)
EXPOSE 30000-32767
#      ^^^^^^^^^^^ DF401 excess-expose: EXPOSE range `30000-32767` spans 2768 ports (more than max-range 16)

FROM app AS debug
EXPOSE 53/tcp 53/udp 7000-7002 \
       9229 \
       ${DEBUG_PORT}
#      ^^^^^^^^^^^^^ DF401 excess-expose: the stage exposes 5 ports or ranges
