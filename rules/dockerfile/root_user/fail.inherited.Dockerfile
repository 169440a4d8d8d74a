FROM debian:12-slim AS base
RUN useradd app
USER 0:0
#    ^^^ DF201 root-user: last USER is `0:0`

FROM base
RUN echo "inherits USER 0:0 from base"
