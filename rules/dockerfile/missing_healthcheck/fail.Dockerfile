FROM scratch AS base
HEALTHCHECK CMD ["/bin/health"]
# The shipped stage does not build on `base`: its HEALTHCHECK is not in the image.
FROM nginx:1.27-alpine
#^^^^^^^^^^^^^^^^^^^^^^ DF601 missing-healthcheck
COPY site/ /usr/share/nginx/html/
