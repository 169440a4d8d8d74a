FROM alpine:3.20
ADD https://github.com/krallin/tini/releases/download/v0.19.0/tini-static /tini
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ DF502 add-remote-url: without `--checksum=`
ADD --chown=1000:1000 HTTP://example.com/a.txt local.txt http://example.com/b.txt /data/
#                     ^^^^^^^^^^^^^^^^^^^^^^^^ DF502
#                                                        ^^^^^^^^^^^^^^^^^^^^^^^^ DF502
ADD ["https://example.com/config.json", "/etc/app/"]
#    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ DF502
