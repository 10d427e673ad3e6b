# syntax=docker/dockerfile:1
# The service image: `npm start` (HTTP server, channels, workers), `npm run worker`, `npm run db:migrate`
# and `npm run cli -- ...` all run from it. Build: docker build -t deanbot .

# --- build: install exactly the locked dependencies and generate the Prisma client ---
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV CI=true NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false NPM_CONFIG_UPDATE_NOTIFIER=false
COPY package.json package-lock.json ./
# Install scripts stay off, as package.json's allowScripts says for npm 11: none is needed (Prisma's engine
# download included: generation and migrations work offline).
RUN npm ci --ignore-scripts
COPY . .
RUN npm run db:generate

# --- runtime: the same tree, owned by the unprivileged `node` user ---
# Development dependencies stay: migrations run Prisma's schema engine compiled to WebAssembly
# (@prisma/schema-engine-wasm), and the service runs its TypeScript through tsx.
FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 \
    NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 3000
# /health answers 200 while the process serves HTTP (its body says whether PostgreSQL and Redis answer);
# the worker role has no HTTP server: docker-compose.yml disables the check there.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["npm", "start"]
