FROM node:20-slim
COPY --chmod=777 app/ /app/
#            ^^^ DF203 world-writable-permissions: `COPY --chmod=777` makes files writable by every user
ADD --chown=node --chmod=o+w config.json /etc/app/
#                        ^^^ DF203
RUN chmod 777 /app/run.sh
#         ^^^ DF203 world-writable-permissions: `chmod 777` makes files writable by every user
RUN chmod -R 0666 /app/data
#            ^^^^ DF203 world-writable-permissions: (recursively)
RUN mkdir -p /app/cache \
    && chmod a+rwX /app/cache \
#            ^^^^^ DF203
    && chmod u+x,go+w /app/bin
#            ^^^^^^^^ DF203
RUN sudo chmod o=rwx /srv
#              ^^^^^ DF203
RUN find /app -type d -exec chmod 757 {} \;
#                                 ^^^ DF203
RUN mkdir -m 777 /shared && install -m 0776 tool /usr/local/bin/tool
#            ^^^ DF203
#                                      ^^^^ DF203
RUN <<EOF
chmod 2777 /var/run/app
#     ^^^^ DF203
EOF
RUN chmod 0777 -R /var/lib/mpd && rm -rf /var/lib/mpd/cache
#         ^^^^ DF203 world-writable-permissions: `chmod 0777` makes files writable by every user (recursively)
