FROM node:22-slim AS web
CMD node server.js --port=8080
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^ DF602 shell-form-entrypoint: CMD in shell form
ENTRYPOINT /usr/local/bin/start
#          ^^^^^^^^^^^^^^^^^^^^ DF602 shell-form-entrypoint: ENTRYPOINT in shell form

FROM python:3.12-slim AS api
ENTRYPOINT ["/docker-entrypoint.sh"]
CMD gunicorn app.wsgi:application
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ DF602 shell-form-entrypoint
