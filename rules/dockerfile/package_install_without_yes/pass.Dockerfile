# syntax=docker/dockerfile:1
FROM debian:12-slim
RUN apt-get install -y curl
RUN apt-get -y install git
RUN apt-get --yes install vim && apt-get --assume-yes install less
RUN apt-get install -yq jq && apt-get install -qq make && apt-get install -q -q wget
RUN apt-get install -q=2 gcc && apt-get install --quiet --quiet g++
RUN apt-get -o APT::Get::Assume-Yes=true install ca-certificates
RUN yes | apt-get install tzdata
RUN apt-get update && apt-cache policy curl && apt-get clean && apt list --installed
RUN microdnf install tar && apk add curl && pip install six
RUN dnf install -y httpd && yum -y install mariadb && dnf --assumeyes upgrade
RUN zypper -n install curl && zypper install --non-interactive wget && zypper in --no-confirm git
RUN zypper install -y vim
RUN ["apt-get", "install", "-y", "python3"]
RUN <<EOF
apt-get install -y \
  python3-venv
EOF

FROM debian:12-slim
RUN echo 'APT::Get::Assume-Yes "true";' > /etc/apt/apt.conf.d/90assumeyes
RUN apt-get install curl
RUN if apt-get install -s "postgresql-16-jit" > /dev/null 2>&1; then echo jit; fi
