FROM node:22-slim
WORKDIR /app
RUN npm ci
RUN curl -fsSLO https://example.com/src.tgz && tar xzf src.tgz && cd src && make install
RUN (cd /opt/tool && ./configure && make)
RUN cd /tmp && curl -fsSLO https://example.com/x.tgz && tar xzf x.tgz
RUN cd - && ls
RUN echo "cd /app" > /notes
RUN DIR=$(cd /opt && pwd) && echo $DIR
RUN ["sh", "-c", "cd /app && make"]
