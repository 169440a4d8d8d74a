# Official images: GPG_KEY is a public key fingerprint.
FROM python:3.12-slim
ENV GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305
ENV POSTGRES_PASSWORD_FILE=/run/secrets/db_password \
    TOKEN_URL=https://auth.example.com/oauth/token \
    SECRET_NAME=prod-db \
    DB_USER=app \
    AUTH_ENABLED=true \
    AUTH_TYPE=oauth2 \
    AUTHOR="Jane Doe" \
    VAULT_TOKEN_VERSION=2 \
    NEXT_PUBLIC_API_KEY=pk_browser_key \
    PASSWORD_MIN_LENGTH=12
ENV DB_PASSWORD=${DB_PASSWORD} API_TOKEN=$API_TOKEN EMPTY_SECRET=
ENV GOOGLE_APPLICATION_CREDENTIALS=/var/secrets/google/key.json
ENV AWS_SHARED_CREDENTIALS=$HOME/.aws/credentials
ENV ADMIN_PASSWORD=changeme JWT_SECRET="<your-jwt-secret>" API_KEY=your_api_key_here
ENV TOKENIZERS_PARALLELISM=false PWD=/app
ENV DATABASE_URL=postgres://app@db:5432/app REDIS_URL=redis://:${REDIS_PASSWORD}@cache:6379
ENV FAKE_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
LABEL org.opencontainers.image.authors="team@example.com" \
      org.opencontainers.image.source="https://github.com/example/app"
# A secret word in a LABEL key is not a secret value.
LABEL com.example.secret-handling="uses /run/secrets"
ENV RESET_OS_PASSWORD="resetOSPassword.sh" SECRET_SCRIPT=rotate_secret.py
ENV HF_TOKEN=HF_TOKEN GF_AUTH_ANONYMOUS_ORG_ROLE=Viewer
