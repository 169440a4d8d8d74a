FROM debian:12-slim AS distro1
CMD bash
ENTRYPOINT ["/a"]
HEALTHCHECK NONE
ONBUILD CMD ["downstream"]
FROM distro1 AS distro2
# Overriding what the parent stage set is how stages are meant to work.
CMD another
ENTRYPOINT ["/b"]
HEALTHCHECK CMD ["/health"]
