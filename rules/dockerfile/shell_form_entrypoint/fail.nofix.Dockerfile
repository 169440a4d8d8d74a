FROM alpine:3.20
CMD npm start && echo "done"
#   ^^^^^^^^^^^^^^^^^^^^^^^^ DF602 shell-form-entrypoint
CMD cd /app
#   ^^^^^^^ DF602 shell-form-entrypoint
CMD FOO=1 /app \
#   ^ DF602 shell-form-entrypoint
    --flag
ENTRYPOINT ['/bin/glide']
#          ^^^^^^^^^^^^^^ DF602 shell-form-entrypoint: ENTRYPOINT in shell form
