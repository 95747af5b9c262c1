# floodwatch: the TypeScript sources, bundled by esbuild when the image is built.
FROM node:20-bookworm-slim

ENV NODE_ENV=production \
    DATA_DIR=/data
WORKDIR /app

COPY package.json package-lock.json ./
# Scripts wait until the sources are in: "prepare" bundles them.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

COPY tsconfig.json ./
COPY bin ./bin
COPY db ./db
COPY commands ./commands
COPY src ./src
RUN npm run build

RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node

# Slack's HTTP receiver listens here when Slack is configured.
EXPOSE 3000
STOPSIGNAL SIGTERM
CMD ["node", "--max-semi-space-size=2", "bin/floodwatch.js", "start"]
