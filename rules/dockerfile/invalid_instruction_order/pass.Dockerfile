# syntax=docker/dockerfile:1
# escape=\
# A comment before FROM.
ARG BASE=alpine
ARG TAG=3.20
FROM ${BASE}:${TAG}
LABEL a=b
ARG LATER=1
