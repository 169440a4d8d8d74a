# The base image is a build argument without a default: its USER is unknown.
ARG ORIGINAL_IMAGE
FROM ${ORIGINAL_IMAGE}
RUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*
