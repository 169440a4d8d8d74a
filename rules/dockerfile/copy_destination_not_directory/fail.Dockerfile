FROM python:3.12-slim
COPY requirements.txt constraints.txt /app
                                    # ^^^^ DF006 copy-destination-not-directory
COPY --chown=app:app --link a b "dest"
                              # ^^^^^^ DF006 copy-destination-not-directory
ADD one.tar.gz two.tar.gz /opt/vendor
                        # ^^^^^^^^^^^ DF006 copy-destination-not-directory
COPY ["a.txt", "b.txt", "/data"]
                      # ^^^^^^^ DF006 copy-destination-not-directory
COPY <<EOF1 <<EOF2 /etc/app
                 # ^^^^^^^^ DF006 copy-destination-not-directory
one
EOF1
two
EOF2
ONBUILD COPY a b /onbuild
               # ^^^^^^^^ DF006 copy-destination-not-directory
