FROM python:latest AS builder
#           ^^^^^^ DF102 latest-tag-base-image: `python:latest` uses the `latest` tag
FROM --platform=$BUILDPLATFORM docker.io/library/alpine:latest
#                                                       ^^^^^^ DF102 latest-tag-base-image
