FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl
RUN apt-get install -y -q --no-install-recommends git
RUN DEBIAN_FRONTEND=noninteractive sudo apt-get \
    # options before the subcommand
    -o Dpkg::Options::=--force-confold upgrade -y
RUN apt purge -y curl; apt-get autoremove -y
RUN yum install -y httpd && yum clean all
RUN dnf --setopt=install_weak_deps=False install -y python3 | tee /tmp/log && dnf clean all
RUN zypper install -y curl && zypper clean
