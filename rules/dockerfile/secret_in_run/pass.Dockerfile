# syntax=docker/dockerfile:1
FROM alpine:3.20
ARG ARTIFACT_USER
RUN --mount=type=secret,id=artifacts_password \
    curl -u "${ARTIFACT_USER}:$(cat /run/secrets/artifacts_password)" https://example.com/app.tgz
RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN \
    echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc
RUN curl -u "$USER:$PASS" https://example.com && curl -u deploy https://example.com
RUN mysql -u root -p app < schema.sql && mysql --password -e 'select 1'
RUN docker login -u ci --password-stdin < /run/secrets/registry
RUN cat /run/secrets/pw | docker login -u ci --password-stdin registry.example.com
RUN TOKEN=$(cat /run/secrets/token) && export GITHUB_TOKEN="$TOKEN" API_KEY=
RUN git clone https://github.com/example/app.git && git clone git@github.com:example/app.git
RUN docker build --secret id=npm,src=/root/.npmrc . && pip install --index-url https://pypi.example.com/simple app
RUN sed -i 's/^PASSWORD=.*/PASSWORD=${DB_PASSWORD}/' /etc/app.conf
RUN echo "PASSWORD_FILE=/run/secrets/db" >> /etc/app.env && echo "AUTH_TYPE=basic" >> /etc/app.env
RUN curl https://user:password@example.com/docs-placeholder && echo "root:$ROOT_PW" | chpasswd
RUN openssl genrsa -out /tmp/key.pem 2048 && echo "-----BEGIN CERTIFICATE-----" > /dev/null
RUN ./configure --with-auth=pam --auth-type=basic --private-key=/etc/ssl/private/key.pem
RUN adduser --disabled-password --gecos "" app && VULTR_API_KEY=fake vultr-cli version
RUN mysql_secure_installation --use-default --password-stdin < /dev/null
