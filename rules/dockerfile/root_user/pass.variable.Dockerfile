# The user comes from a build argument without a default: unknown, so not reported.
FROM alpine:3.20
ARG APP_UID
USER ${APP_UID}
