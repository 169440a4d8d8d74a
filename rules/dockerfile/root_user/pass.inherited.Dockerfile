FROM debian:12-slim AS base
USER root
RUN useradd --uid 10001 app
USER 10001

FROM base AS final
COPY app /app
