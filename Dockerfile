# floodwatch: bundled in a build stage, then run from the bundle with production dependencies only,
# as the unprivileged `node` user.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Scripts wait until the sources are in: "prepare" would bundle them.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY bin ./bin
COPY db ./db
COPY commands ./commands
COPY src ./src
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    DATA_DIR=/data \
    PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
# The bundle, its launcher, the migrations it runs at start and the chart font; no TypeScript sources.
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY db/migrations ./db/migrations
# The one font charts are drawn with.
COPY assets ./assets
# The embedded database's volume, for the image run alone (compose uses PostgreSQL).
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node

# /healthz, /metrics, the Hub's webhook and Slack's HTTP mode.
EXPOSE 3000
# No curl in the image: node's own fetch asks /healthz (an empty PORT, as a copied .env.example
# leaves it, means the default, as it does for the service).
HEALTHCHECK --interval=30s --timeout=5s --start-period=2m --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT || 3000}/healthz`).then((r) => process.exit(Number(!r.ok)), () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "--max-semi-space-size=2", "bin/floodwatch.js", "start"]
