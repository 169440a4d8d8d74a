FROM node:22-slim
RUN cd /opt
  # ^^^^^^^ DF605 cd-instead-of-workdir
RUN cd /app && npm ci
  # ^^^^^^^ DF605 cd-instead-of-workdir
RUN --mount=type=cache,target=/root/.npm \
    cd /app \
  # ^^^^^^^ DF605 cd-instead-of-workdir
    && npm run build
RUN <<EOF
cd /srv/app
#^^^^^^^^^^^ DF605 cd-instead-of-workdir
make install
EOF
ONBUILD RUN cd /app && npm test
          # ^^^^^^^ DF605 cd-instead-of-workdir
