ARG VERSION=1.4.2
ARG REGISTRY
FROM --platform=$BUILDPLATFORM ${REGISTRY:-docker.io}/library/golang:1.22 AS build
ARG TARGETOS TARGETARCH
ENV CGO_ENABLED=0 OUT=/out/$TARGETOS-$TARGETARCH
WORKDIR $GOPATH/src/app
RUN go build -o $OUT/app $UNDEFINED_IN_RUN_IS_THE_SHELLS_BUSINESS

FROM python:3.12-slim AS app
ARG VERSION
ARG APP_UID=10001
ENV APP_HOME=/app PATH=/app/bin:$PATH
ENV A=1 B=$A
LABEL version=$VERSION python=$PYTHON_VERSION
WORKDIR ${APP_HOME}
COPY --chown=${APP_UID} . .
# Escaped and single-quoted dollars are literal; defaults expect an unset variable.
LABEL literal=\$NOT_A_VAR quoted='$NOT_EXPANDED'
ENV MODE=${MODE:-production} EXTRA=${EXTRA:+--extra}
CMD echo $RUNTIME_ONLY
COPY <<EOF /etc/app.conf
home=$HOME_IS_FILE_CONTENT
EOF

FROM app AS child
WORKDIR $APP_HOME/child

# The base image is unknown: its ENV may define anything.
FROM mycorp/base:1
ENV PATH=$JAVA_HOME/bin:$PATH
ONBUILD ENV X=$SET_BY_DOWNSTREAM
