EXPOSE 80000
#      ^^^^^ DF403 invalid-expose: ports range from 0 to 65535
FROM nginx:1.27
EXPOSE 8080:80 127.0.0.1:443:443
#      ^^^^^^^ DF403 invalid-expose: maps a host port or address
#              ^^^^^^^^^^^^^^^^^ DF403
EXPOSE 40000-80000/tcp 9000-8000
#      ^^^^^^^^^^^^^^^ DF403 invalid-expose: ports range from 0 to 65535
#                      ^^^^^^^^^ DF403 invalid-expose: the range starts above its end
EXPOSE 80/http 443/TCP 53/
#      ^^^^^^^ DF403 invalid-expose: unknown protocol `http`
#              ^^^^^^^ DF403 invalid-expose: lower case
#                      ^^^ DF403
ARG METRICS=9100:9100
EXPOSE http ${METRICS}
#      ^^^^ DF403 invalid-expose: not a port number
#           ^^^^^^^^^^ DF403 invalid-expose: `9100:9100` maps a host port
