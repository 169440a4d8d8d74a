# syntax=docker/dockerfile:1
FROM python:3.12 AS builder
RUN pip install --prefix=/install -r requirements.txt

FROM python:3.12-slim AS base
ENV PIP_NO_CACHE_DIR=1
RUN pip install requests

FROM base
RUN pip install flask
RUN pip3 install --no-cache-dir -r requirements.txt
RUN python3 -m pip install --no-cache-dir --upgrade pip
RUN --mount=type=cache,target=/root/.cache/pip pip install uvicorn
RUN --mount=type=cache,target=/home/app/.cache/pip,uid=1000 pip install gunicorn
RUN pipx install poetry && pipenv install && uv pip install httpx
RUN pip download -d /wheels numpy
COPY --from=builder /install /usr/local

FROM python:3.12-slim
RUN PIP_NO_CACHE_DIR=1 pip install requests
RUN export PIP_NO_CACHE_DIR=true && pip install flask
RUN ["pip", "install", "--no-cache-dir", "six"]
