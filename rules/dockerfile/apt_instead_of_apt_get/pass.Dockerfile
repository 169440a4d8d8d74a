FROM ubuntu:24.04
RUN apt-get update && apt-get install -y --no-install-recommends curl
RUN apt-cache policy curl && apt-mark hold curl && apt-key list
RUN echo "apt install is for humans" && ls /etc/apt/apt.conf.d
RUN ["apt-get", "install", "-y", "less"]
