# syntax=docker/dockerfile:1
# The service image, on Node 22 LTS. Build: docker build -t deanbot .
# Run: the service (default), the workers (`node dist/app/main.js --role=worker`), migrations
# (`node dist/prisma/scripts/migrate.js deploy`) and the CLI (`node dist/cli/main.js <command>`).

# --- build: locked dependencies, the Prisma client, the compiled JavaScript; then drop devDependencies ---
FROM node:22-bookworm-slim AS build
WORKDIR /app
ENV CI=true NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false NPM_CONFIG_UPDATE_NOTIFIER=false
COPY package.json package-lock.json ./
# Install scripts stay off, as package.json's allowScripts says: none is needed (Prisma's engine download
# included: generation and migrations work offline, through WebAssembly).
RUN npm ci --ignore-scripts
COPY . .
RUN npm run db:generate && npm run build && npm prune --omit=dev --ignore-scripts

# --- runtime: compiled code and production dependencies only, owned by root and read-only to `node` ---
FROM node:22-bookworm-slim AS runtime
# tini as PID 1: forwards SIGTERM to node and reaps zombies (node is its only child, never npm).
# hadolint ignore=DL3008
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/prisma/schema.prisma ./prisma/schema.prisma
COPY --from=build /app/prisma/migrations ./prisma/migrations
USER node
EXPOSE 3000
# /health answers 200 while the process serves HTTP (its body says whether PostgreSQL and Redis answer);
# the worker role has no HTTP server: docker-compose.yml disables the check there.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/app/main.js"]
