FROM node:20-slim
ENV NODE_TLS_REJECT_UNAUTHORIZED=0 PYTHONHTTPSVERIFY=0
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ DF504 tls-verification-disabled: ENV NODE_TLS_REJECT_UNAUTHORIZED
#                                  ^^^^^^^^^^^^^^^^^^^ DF504
ENV GIT_SSL_NO_VERIFY=true
#   ^^^^^^^^^^^^^^^^^^^^^^ DF504
ENV PIP_TRUSTED_HOST=pypi.example.com npm_config_strict_ssl=false
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ DF504
#                                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^ DF504
RUN curl -fsSLk https://example.com/tool -o /usr/local/bin/tool \
#        ^^^^^^ DF504 tls-verification-disabled: curl -fsSLk turns off verification
    # comment inside the continuation
    && wget --no-check-certificate -qO /tmp/x https://example.com/x
#           ^^^^^^^^^^^^^^^^^^^^^^ DF504
RUN pip install --trusted-host pypi.example.com mypkg && sudo apk add --allow-untrusted mypkg     
#               ^^^^^^^^^^^^^^ DF504
#                                                                     ^^^^^^^^^^^^^^^^^ DF504
RUN apt-get install -y --allow-unauthenticated curl; apt-get -y --force-yes install git
#                      ^^^^^^^^^^^^^^^^^^^^^^^ DF504
#                                                               ^^^^^^^^^^^ DF504
RUN yum install -y --nogpgcheck httpd && rpm -ivh --nosignature /tmp/x.rpm
#                  ^^^^^^^^^^^^ DF504
#                                                 ^^^^^^^^^^^^^ DF504
RUN npm config set strict-ssl false && yarn config set strict-ssl false
#                  ^^^^^^^^^^^^^^^^ DF504
#                                                      ^^^^^^^^^^^^^^^^ DF504
RUN git config --global http.sslVerify false | cat
#                       ^^^^^^^^^^^^^^^^^^^^ DF504
