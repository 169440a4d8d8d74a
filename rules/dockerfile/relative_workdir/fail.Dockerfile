FROM node:22-slim AS build
WORKDIR app
      # ^^^ DF606 relative-workdir
WORKDIR "relative/dir"
      # ^^^^^^^^^^^^^^ DF606 relative-workdir
WORKDIR /abs
WORKDIR sub
FROM node:22-slim
WORKDIR 'relative/dir'
      # ^^^^^^^^^^^^^^ DF606 relative-workdir
