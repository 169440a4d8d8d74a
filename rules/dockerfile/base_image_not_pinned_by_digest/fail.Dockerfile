ARG PY=3.12-slim
FROM python:${PY} AS builder
   # ^^^^^^^^^^^^ DF103 base-image-not-pinned-by-digest
FROM localhost:5000/team/app:1.2
   # ^^^^^^^^^^^^^^^^^^^^^^^^^^^ DF103 base-image-not-pinned-by-digest
