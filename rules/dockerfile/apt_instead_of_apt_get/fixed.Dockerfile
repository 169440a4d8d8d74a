FROM ubuntu:24.04
RUN apt-get update && apt-get install -y --no-install-recommends curl
RUN DEBIAN_FRONTEND=noninteractive sudo apt-get remove -y vim; sudo -E /usr/bin/apt-get \
    # comment inside the continuation
    autoremove -y
RUN apt-get dist-upgrade -y | tee /tmp/upgrade.log
