FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt /app
COPY requirements.txt constraints.txt /app/
COPY a b .
COPY --from=build /out/app /out/lib ./
COPY ["a.txt", "b.txt", "/data/"]
COPY a b $DEST_DIR
COPY <<EOF /etc/app.conf
key=value
EOF
COPY * /src/
ADD https://example.com/a.tgz /tmp/a.tgz
COPY foo bar "baz/"
