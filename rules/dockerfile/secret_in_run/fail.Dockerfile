FROM alpine:3.20 AS build
RUN curl -fsSL -u deploy:Sup3rS3cret https://artifacts.example.com/app.tgz -o /tmp/app.tgz
#                 ^^^^^^^^^^^^^^^^^^ DF304 secret-in-run: `curl -u` with a literal password in RUN (redacted)
RUN curl --user=ci:Tok3nValue https://example.com/x
#        ^^^^^^^^^^^^^^^^^^^^ DF304 secret-in-run: `curl --user` with a literal password
RUN git clone https://bot:gh0stPass@git.example.com/team/app.git /src
#             ^^^^^^^^^^^^^^^^^^^^^^ DF304 secret-in-run: RUN contains a URL with an embedded password (https://***:***@git.example.com)
RUN mysql -uroot -pR00tPw -e 'CREATE DATABASE app' \
#                ^^^^^^^^ DF304 secret-in-run: `mysql -p` with a literal password
 && mysqladmin --password=R00tPw status
#              ^^^^^^^^^^^^^^^^^ DF304
RUN docker login -u ci -p Regp4ss registry.example.com
#                         ^^^^^^^ DF304 secret-in-run: `docker login -p` with a literal password
RUN PGPASSWORD=pgSecret1 psql -h db -U app -c 'select 1'
#   ^^^^^^^^^^ DF304 secret-in-run: RUN sets `PGPASSWORD`, which looks like a secret (PASSWORD), to a literal value (redacted)
RUN export NPM_TOKEN=npm_abcDEF123456 && npm ci
#          ^^^^^^^^^ DF304 secret-in-run: `NPM_TOKEN`
RUN echo "//registry.npmjs.org/:_authToken=npmTok3n" > /root/.npmrc
#                               ^^^^^^^^^^ DF304 secret-in-run: (AUTH)
RUN wget --http-password=W3bPass https://example.com/file
#        ^^^^^^^^^^^^^^^^^^^^^^^ DF304 secret-in-run: `wget` with a literal password
RUN gitlab-runner register --registration-token GR1348941abcDEF --url https://gitlab.example.com
#                                               ^^^^^^^^^^^^^^^ DF304 secret-in-run: `--registration-token` with a literal value
RUN echo 'root:Docker!' | chpasswd
#        ^^^^^^^^^^^^^^ DF304 secret-in-run: a literal password piped into `chpasswd`
RUN echo "s3cretPw" | docker login --username ci --password-stdin
#        ^^^^^^^^^^ DF304 secret-in-run: `--password-stdin`
RUN aws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE
#                                       ^^^^^^^^^^^^^^^^^^^^ DF304 secret-in-run: RUN contains a AWS access key id (AKIA************MPLE)

FROM alpine:3.20
RUN <<EOF
set -e
curl -u admin:Adm1nPw https://internal.example.com/api
#       ^^^^^^^^^^^^^ DF304 secret-in-run: `curl -u`
EOF
RUN cat <<EOF > /root/.netrc
machine example.com login ci password n3trcPw
api_token=ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8
#         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ DF304 secret-in-run: GitHub token (ghp_************Q7r8)
EOF
RUN ["sh", "-c", "curl https://u:Exec5ecret@example.com/x"]
#                      ^^^^^^^^^^^^^^^^^^^^^ DF304 secret-in-run: URL with an embedded password
ONBUILD RUN sshpass -pSshPw1 ssh host true
#                   ^^^^^^^^ DF304 secret-in-run: `sshpass -p`
