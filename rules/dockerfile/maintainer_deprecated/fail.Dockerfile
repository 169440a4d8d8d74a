MAINTAINER Lukas
#^^^^^^^^^^ DF604 maintainer-deprecated
FROM alpine:3.20
MAINTAINER Jane Doe <jane@example.com>
#^^^^^^^^^^ DF604 maintainer-deprecated
maintainer "quoted" $name \path
#^^^^^^^^^^ DF604 maintainer-deprecated
