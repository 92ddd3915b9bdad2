# Tandem image: multi-stage, non-root. Untested here (no Docker engine on this machine); mirrors `npm ci && npm start`.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY server/db/location.ts server/db/postgresCli.ts ./server/db/
RUN npm ci
COPY . .
RUN npx next build && node scripts/build-server.mjs && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 DATA_DIR=/data
WORKDIR /app
COPY --from=build --chown=node:node /app /app
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
CMD ["node", "dist/server/index.mjs"]
