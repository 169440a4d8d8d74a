FROM alpine:3.20
# berth ignore=DF999 -- a rule that does not exist
#^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ BR001 unused-suppression: names no known rule
USER app
