FROM python:3.13 AS builder
FROM --platform=$BUILDPLATFORM docker.io/library/alpine:3.22
