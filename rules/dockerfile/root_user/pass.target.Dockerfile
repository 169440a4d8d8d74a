FROM alpine:3.20 AS runtime
USER 1000
# A later stage that runs as root is still the shipped one unless --target says otherwise;
# here it sets a non-root user too, with the name `rootless` (not `root`).
FROM runtime AS debug
USER rootless
