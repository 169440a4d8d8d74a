ARG BASE=python
ARG REGISTRY=localhost:5000
FROM debian AS builder
   # ^^^^^^ DF101 untagged-base-image
FROM ${BASE} AS app
   # ^^^^^^^ DF101 untagged-base-image
FROM --platform=linux/amd64 localhost:5000/team/app AS mirror
                          # ^^^^^^^^^^^^^^^^^^^^^^^ DF101 untagged-base-image
FROM ${REGISTRY}/tools
   # ^^^^^^^^^^^^^^^^^ DF101 untagged-base-image
FROM docker.io/library/ubuntu
   # ^^^^^^^^^^^^^^^^^^^^^^^^ DF101 untagged-base-image
