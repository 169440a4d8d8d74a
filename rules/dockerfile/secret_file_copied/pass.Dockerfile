FROM node:20-slim
COPY id_ed25519.pub /root/.ssh/authorized_keys
COPY ca.pem /usr/local/share/ca-certificates/ca.crt
COPY certs/server.pem /etc/nginx/certs/
COPY rds-combined-ca-bundle.pem /app/
COPY fullchain.pem /etc/ssl/
COPY nodesource.key /etc/apt/keyrings/nodesource.asc
COPY docker-archive-keyring.key /usr/share/keyrings/
COPY .env.example /app/.env
COPY .env.sample .env.template /app/
COPY --from=build /app/dist /app/dist
COPY ${KEY_FILE} /app/
COPY . .
ADD https://example.com/release.key /tmp/
COPY <<EOF /app/.env
LOG_LEVEL=info
EOF
COPY environment.js secrets.md keyboard.json /app/
