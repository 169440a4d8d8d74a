ARG TAG=latest
FROM python:latest AS builder
          # ^^^^^^ DF102 latest-tag-base-image
FROM node:${TAG} AS web
   # ^^^^^^^^^^^ DF102 latest-tag-base-image
FROM --platform=$BUILDPLATFORM localhost:5000/team/app:latest AS mirror
                                                     # ^^^^^^ DF102 latest-tag-base-image
FROM docker.io/library/alpine:latest
                            # ^^^^^^ DF102 latest-tag-base-image
