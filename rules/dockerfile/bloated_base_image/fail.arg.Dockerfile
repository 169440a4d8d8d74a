ARG NODE=node:22-bookworm
FROM ${NODE}
   # ^^^^^^^ DF105 bloated-base-image
