COPY --from=0 bar .
          # ^ DF002 unknown-stage-reference
COPY --from=foo bar .
          # ^^^ DF002 unknown-stage-reference
