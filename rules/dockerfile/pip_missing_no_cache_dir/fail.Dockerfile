FROM python:3.12-slim AS base
ENV PIP_NO_CACHE_DIR=off
RUN pip install requests
#   ^^^^^^^^^^^ DF508 pip-missing-no-cache-dir: `pip install` without `--no-cache-dir`
RUN python3 -m pip install --upgrade pip && pip3 install \
#   ^^^^^^^^^^^^^^^^^^^^^^ DF508
#                                           ^^^^^^^^^^^^ DF508
    # pinned in requirements
    -r requirements.txt
FROM base
RUN PIP_NO_CACHE_DIR=0 sudo -H pip3.12 install flask | tee /tmp/pip.log
#                              ^^^^^^^^^^^^^^^ DF508
RUN --mount=type=cache,target=/root/.npm pip install -e .
#                                        ^^^^^^^^^^^ DF508
