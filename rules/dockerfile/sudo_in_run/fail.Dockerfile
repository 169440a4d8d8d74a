FROM debian:12-slim AS build
RUN sudo apt-get update
#   ^^^^ DF202 sudo-in-run: `sudo` in RUN
RUN apt-get update && sudo apt-get install -y --no-install-recommends make
#                     ^^^^ DF202
RUN /usr/bin/sudo -u app make \
#   ^^^^^^^^^^^^^ DF202
    install
RUN echo "$(sudo cat /etc/shadow)" > /dev/null
#           ^^^^ DF202
RUN find /src -name '*.sh' | xargs -n 1 sudo chmod +x
#                                       ^^^^ DF202
RUN env HOME=/root sudo -E make install
#                  ^^^^ DF202

FROM debian:12-slim
RUN <<EOF
set -e
sudo ls /root
#^^^^ DF202
EOF
RUN ["sudo", "ls"]
#    ^^^^^^ DF202
ONBUILD RUN sudo make
#           ^^^^ DF202
