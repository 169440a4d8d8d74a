ARG VERSION=1.4.2
ARG REGISTRY
FROM ${REGISTRY}/base:${VERSION} AS base
FROM $REGISTYR/app:$VERSION AS typo
   # ^^^^^^^^^ DF004 undefined-variable
FROM python:3.12-slim AS app
LABEL org.opencontainers.image.version=$VERSION
                                     # ^^^^^^^^ DF004 undefined-variable
ENV PATH=$HOME/.local/bin:$PATH
       # ^^^^^ DF004 undefined-variable
WORKDIR ${APP_HOME}/src
      # ^^^^^^^^^^^ DF004 undefined-variable
COPY --chown=${APP_UID}:${APP_GID} . .
           # ^^^^^^^^^^ DF004 undefined-variable
                      # ^^^^^^^^^^ DF004 undefined-variable
ENV GREETING="hello $NAME"
                  # ^^^^^ DF004 undefined-variable
USER $PYTHON_USER
   # ^^^^^^^^^^^^ DF004 undefined-variable

FROM scratch
ARG VERSION
COPY --from=app /app /app-$VERSION
VOLUME ["/data/$DATA_DIR"]
             # ^^^^^^^^^ DF004 undefined-variable

# Unknown base image: only global ARGs used without ARG are judged.
FROM mycorp/base:1
ENV APP_VERSION=$VERSION
              # ^^^^^^^^ DF004 undefined-variable
