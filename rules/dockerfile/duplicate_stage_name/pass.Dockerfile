FROM golang:1.22 AS build
FROM build AS build-test
FROM node:22 AS builder
# A stage built FROM an earlier stage does not reuse its name.
FROM build
FROM build AS final
