# A builder stage's permissions are not shipped.
FROM golang:1.22 AS build
RUN chmod -R 777 /go/pkg

FROM debian:12-slim
COPY --chmod=755 entrypoint.sh /entrypoint.sh
COPY --from=build --chmod=0644 /src/config.yaml /etc/app/
RUN chmod 1777 /tmp/uploads && chmod a+rwxt /var/tmp/shared
RUN chmod 755 /app && chmod -R u+rwX,go+rX,go-w /app/static && chmod +w /app/logs
RUN chmod o-w /etc/passwd && chmod 664 /app/group-shared && chmod a=r /app/readonly
RUN chmod g+w /app/logs && chmod ug=rwx /app/bin && chmod --reference=/etc/hosts /app/hosts
RUN echo "chmod 777 is a bad idea" && chmod "$MODE" /x
RUN chmod o+rwx,o-w /app/odd
# A temporary directory removed in the same RUN never reaches the image.
RUN tempDir="$(mktemp -d)" && chmod 777 "$tempDir" && make -C "$tempDir" && rm -rf "$tempDir"
