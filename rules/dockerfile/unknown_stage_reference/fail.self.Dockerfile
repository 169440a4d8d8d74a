FROM node:22 AS app
FROM app AS app2
FROM loop AS loop
   # ^^^^ DF002 unknown-stage-reference
