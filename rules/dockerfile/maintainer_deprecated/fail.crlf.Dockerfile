FROM alpine:3.20
MAINTAINER hudu@mail.com
#^^^^^^^^^^ DF604 maintainer-deprecated
RUN true
