FROM alpine:3.20
RUNN apk add --no-cache curl
#^^^^^^^^^^^^^^^^^^^^^^^^^^^^ DF001 syntax-error: unknown instruction
CMD ["a", ["b"]]
#   ^^^^^^^^^^^^ DF001 syntax-error: JSON array of strings
USER app
