FROM alpine:3.20 AS base
RUN adduser -D app

FROM base AS runtime
#^^^^^^^^^^^^^^^^^^^^ DF201 root-user: no USER in the shipped stage or the stages it builds on
CMD ["sh"]
