FROM debian:12-slim AS distro1
CMD bash
#^^^ DF603 repeated-singleton-instruction
RUN true
CMD ["another"]
ENTRYPOINT ["/a"]
#^^^^^^^^^^ DF603 repeated-singleton-instruction
entrypoint ["/b"]
#^^^^^^^^^^ DF603 repeated-singleton-instruction
ENTRYPOINT ["/c"]
HEALTHCHECK CMD curl -f http://localhost/
#^^^^^^^^^^^ DF603 repeated-singleton-instruction
HEALTHCHECK NONE
FROM debian:12-slim AS distro2
CMD another
