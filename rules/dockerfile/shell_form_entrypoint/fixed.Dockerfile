FROM node:22-slim AS web
CMD ["node", "server.js", "--port=8080"]
ENTRYPOINT ["/usr/local/bin/start"]

FROM python:3.12-slim AS api
ENTRYPOINT ["/docker-entrypoint.sh"]
CMD ["gunicorn", "app.wsgi:application"]
