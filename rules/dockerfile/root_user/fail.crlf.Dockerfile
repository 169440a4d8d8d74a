FROM alpine:3.20
RUN adduser -D app
USER 0000
#    ^^^^ DF201 root-user
