FROM debian:12-slim
RUN apt-get update && apt-get install --no-install-recommends curl
#                     ^^^^^^^^^^^^^^^ DF511 package-install-without-yes: `apt-get install` without `-y`
RUN apt-get install -q --no-install-recommends git
#   ^^^^^^^^^^^^^^^ DF511
RUN DEBIAN_FRONTEND=noninteractive sudo apt-get \
#                                       ^^^^^^^ DF511
    # options before the subcommand
    -o Dpkg::Options::=--force-confold upgrade
RUN apt purge curl; apt-get autoremove
#   ^^^^^^^^^ DF511
#                   ^^^^^^^^^^^^^^^^^^ DF511
RUN yum install httpd && yum clean all
#   ^^^^^^^^^^^ DF511
RUN dnf --setopt=install_weak_deps=False install python3 | tee /tmp/log && dnf clean all
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ DF511
RUN zypper install curl && zypper clean
#   ^^^^^^^^^^^^^^ DF511
