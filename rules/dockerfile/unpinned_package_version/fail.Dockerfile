FROM debian:12 AS base
RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates=20230311 git \
#                                                                ^^^^ DF513 unpinned-package-version: `apt-get install` without a version pin: curl, git (pin as name=<version>)
    && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir flask==3.0.3 requests 'gunicorn>=22'
#                                           ^^^^^^^^ DF513 unpinned-package-version: `pip install` without a version pin: requests (pin as name==<version>)
RUN python3 -m pip install --index-url https://pypi.example.com/simple uvicorn
#                                                                      ^^^^^^^ DF513 unpinned-package-version: `pip install` without a version pin: uvicorn
RUN pip install git+https://github.com/example/tool.git#egg=tool
#               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ DF513 unpinned-package-version: git+https://github.com/example/tool.git#egg=tool
RUN pipx install black
#                ^^^^^ DF513 unpinned-package-version: `pipx install` without a version pin: black
RUN npm install -g express @myorg/lib@1.2.0 typescript@latest
#                  ^^^^^^^ DF513 unpinned-package-version: `npm install` without a version pin: express, typescript@latest (pin as name@<version>)
RUN yarn global add @vue/cli
#                   ^^^^^^^^ DF513 unpinned-package-version: `yarn global add` without a version pin: @vue/cli
RUN gem install bundler:2.5.6 nokogiri
#                             ^^^^^^^^ DF513 unpinned-package-version: `gem install` without a version pin: nokogiri
RUN go install golang.org/x/tools/gopls@latest
#              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ DF513 unpinned-package-version: `go install` without a version pin: golang.org/x/tools/gopls@latest (pin as path@<version>)
RUN go run github.com/example/gen --out ./gen
#          ^^^^^^^^^^^^^^^^^^^^^^ DF513 unpinned-package-version: `go run` without a version pin: github.com/example/gen

FROM alpine:3.20
# `jq=${JQ_VERSION}` is pinned by a build argument.
ARG JQ_VERSION
RUN apk add --no-cache --virtual .build-deps flex=2.6.4-r6 bash && apk add jq=${JQ_VERSION}
#                                                          ^^^^ DF513 unpinned-package-version: `apk add` without a version pin: bash
ONBUILD RUN apk add curl
#                   ^^^^ DF513 unpinned-package-version: `apk add` without a version pin: curl

FROM fedora:40
ENV TOOLS="make git-core-2.46.0"
RUN dnf install -y rpm-sign $TOOLS && dnf module install -y nodejs && dnf clean all
#                  ^^^^^^^^ DF513 unpinned-package-version: `dnf install` without a version pin: rpm-sign, make (pin as name-<version>)
#                                                           ^^^^^^ DF513 unpinned-package-version: `dnf module install` without a version pin: nodejs (pin as name:<stream>)
RUN zypper install -y tomcat && zypper clean
#                     ^^^^^^ DF513 unpinned-package-version: `zypper install` without a version pin: tomcat
