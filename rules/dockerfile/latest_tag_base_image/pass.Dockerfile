ARG TAG
FROM debian:jessie AS builder
FROM hub.docker.io/debian:latest@sha256:7959ed6f7e35f8b1aaa06d1d8259d4ee25aa85a086d5c125480c333183f9deeb AS pinned
FROM node:${TAG} AS unknown-until-build
FROM localhost:5000/latest/app:1.0 AS path-named-latest
FROM python AS untagged
FROM builder
