FROM rockylinux:9
RUN yum install -y httpd
#   ^^^^^^^^^^^ DF509 package-cache-not-cleaned: `yum install` without `yum clean all`
RUN yum clean all && yum install -y mariadb
#                    ^^^^^^^^^^^ DF509
RUN dnf -y upgrade && microdnf clean all
#   ^^^^^^^^^^^^^^ DF509
RUN microdnf install -y tar \
#   ^^^^^^^^^^^^^^^^ DF509
    # comment inside the continuation
    gzip
RUN zypper --non-interactive in curl; zypper refresh
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^ DF509
RUN --mount=type=cache,target=/var/cache/apt sudo dnf in -y git | tee /tmp/log
#                                                 ^^^^^^ DF509
