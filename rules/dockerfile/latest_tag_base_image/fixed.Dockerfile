ARG TAG=latest
FROM python:3.13 AS builder
FROM node:${TAG} AS web
FROM --platform=$BUILDPLATFORM localhost:5000/team/app:latest AS mirror
FROM docker.io/library/alpine:3.22
