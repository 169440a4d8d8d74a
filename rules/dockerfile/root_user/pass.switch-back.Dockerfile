FROM scratch
USER root
RUN something
USER foo
