FROM python:3.12-slim AS base
ENV PIP_NO_CACHE_DIR=off
RUN pip install --no-cache-dir requests
RUN python3 -m pip install --no-cache-dir --upgrade pip && pip3 install --no-cache-dir \
    # pinned in requirements
    -r requirements.txt
FROM base
RUN PIP_NO_CACHE_DIR=0 sudo -H pip3.12 install --no-cache-dir flask | tee /tmp/pip.log
RUN --mount=type=cache,target=/root/.npm pip install --no-cache-dir -e .
