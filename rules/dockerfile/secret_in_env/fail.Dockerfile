FROM python:3.12-slim AS build
ENV DB_PASSWORD=hunter2-prod
#   ^^^^^^^^^^^ DF301 secret-in-env: ENV `DB_PASSWORD` looks like a secret (PASSWORD) and has a literal value (redacted)
ENV GITHUB_TOKEN="s0me-quoted token"
#   ^^^^^^^^^^^^ DF301 secret-in-env: (TOKEN)
ENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
#                     ^^^^^^^^^^^^^^^^^^^^ DF301 secret-in-env: holds a AWS access key id (AKIA************MPLE)
ENV openai_api_key sk-proj-legacy-form-value
#   ^^^^^^^^^^^^^^ DF301 secret-in-env: (API_KEY)
ENV APP_ENV=production \
    X_AUTH=Zm9vOmJhcg \
#   ^^^^^^ DF301 secret-in-env: (AUTH)
    LOG_LEVEL=info
ENV dbPassword=Tr0ub4dor&3 DB_PASS='correct horse'
#   ^^^^^^^^^^ DF301
#                          ^^^^^^^ DF301
ENV RAILS_MASTER_KEY=5f2b8c0e9a7d4b1c
#   ^^^^^^^^^^^^^^^^ DF301 secret-in-env: (MASTER_KEY)

FROM python:3.12-slim
ENV DATABASE_URL=postgres://app:s3cr3t@db:5432/app
#                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ DF301 secret-in-env: holds a URL with an embedded password (postgres://***:***@db:5432)
ENV SETTINGS_BLOB=token-ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8
#                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ DF301 secret-in-env: holds a GitHub token (ghp_************Q7r8)
LABEL org.example.deploy-key="-----BEGIN OPENSSH PRIVATE KEY-----"
#                            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ DF301 secret-in-env: LABEL `org.example.deploy-key` holds a PEM private key
LABEL ci.token=glpat-Ab3dE5gH7jK9mN1pQ2rS
#              ^^^^^^^^^^^^^^^^^^^^^^^^^^ DF301 secret-in-env: GitLab
ONBUILD ENV SLACK_WEBHOOK_SECRET=xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp
#                                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ DF301 secret-in-env: Slack token
