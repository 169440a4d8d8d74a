FROM alpine:3.20
ADD app.py /app/
#   ^^^^^^ DF503 add-instead-of-copy: not a tar archive
ADD --chown=app:app ./src /app/src
#                   ^^^^^ DF503
ADD release.zip /opt/
#   ^^^^^^^^^^^ DF503
ADD ["config/settings.json", "/etc/app/"]
#    ^^^^^^^^^^^^^^^^^^^^^^ DF503
ADD rootfs.tar.gz ${APP_HOME}/bin/tool /
#                 ^^^^^^^^^^^^^^^^^^^^ DF503
ONBUILD ADD . /app/
#           ^ DF503
