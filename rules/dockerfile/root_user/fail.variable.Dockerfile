ARG RUN_AS=root
FROM alpine:3.20
ARG RUN_AS
USER ${RUN_AS}:wheel
#    ^^^^^^^^^^^^^^^ DF201 root-user: last USER is `${RUN_AS}:wheel` (`root:wheel`)
