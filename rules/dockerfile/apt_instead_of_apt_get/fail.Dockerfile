FROM ubuntu:24.04
RUN apt update && apt install -y --no-install-recommends curl
#   ^^^ DF512 apt-instead-of-apt-get: `apt` has no stable command line
#                 ^^^ DF512
RUN DEBIAN_FRONTEND=noninteractive sudo apt-get remove -y vim; sudo -E /usr/bin/apt \
#                                                                      ^^^^^^^^^^^^ DF512
    # comment inside the continuation
    autoremove -y
RUN apt dist-upgrade -y | tee /tmp/upgrade.log
#   ^^^ DF512
