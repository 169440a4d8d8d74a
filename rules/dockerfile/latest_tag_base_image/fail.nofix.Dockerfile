ARG TAG=latest
FROM node:${TAG} AS web
   # ^^^^^^^^^^^ DF102 latest-tag-base-image
FROM localhost:5000/team/app:latest AS mirror
                           # ^^^^^^ DF102 latest-tag-base-image
FROM acme/unknown:latest
                # ^^^^^^ DF102 latest-tag-base-image
