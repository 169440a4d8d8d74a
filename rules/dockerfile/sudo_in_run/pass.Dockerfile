FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends sudo \
    && rm -rf /var/lib/apt/lists/*
RUN echo "app ALL=(ALL) NOPASSWD: ALL" > /etc/sudoers.d/app && chmod 0440 /etc/sudoers.d/app
RUN gosu app true && echo sudo
# sudo mentioned in a comment only
USER app
CMD ["sudo", "-l"]
