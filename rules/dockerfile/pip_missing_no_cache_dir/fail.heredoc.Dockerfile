# syntax=docker/dockerfile:1
FROM python:3.12-slim
RUN <<EOF
set -e
python -m pip install uvicorn
#^^^^^^^^^^^^^^^^^^^^^ DF508
EOF
