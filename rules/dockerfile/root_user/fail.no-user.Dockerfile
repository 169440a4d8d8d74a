FROM node:20-slim AS deps
USER node
RUN npm ci

FROM node:20-slim
#^^^^^^^^^^^^^^^^^ DF201 root-user: no USER in the shipped stage
COPY --from=deps /app /app
CMD ["node", "/app/index.js"]
