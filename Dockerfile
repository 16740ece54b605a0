# The connector as a container (README "Run it like production"): built from the repository, run by `node` on the
# compiled output with production dependencies only, as an unprivileged user. apps/server/test/production-build.test.ts
# runs the same steps without Docker (build, stage, `pnpm install --prod --offline`, start as a non-root user).
#
#   docker build -t procore-quickbooks-connector .
#   docker compose up        # with PostgreSQL, compose.yaml
ARG NODE_IMAGE=node:24-bookworm-slim

# --- build: every dependency, the Prisma client, the compiled server and packages, the web app ---------------------
FROM ${NODE_IMAGE} AS build
# pnpm from the npm registry (corepack cannot verify its signatures on our machines, docs/machine-setup.md).
RUN npm install -g --no-audit --no-fund pnpm@12
WORKDIR /src
# Manifests first: the dependency layer is rebuilt only when they change.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY bench/package.json bench/
COPY e2e/package.json e2e/
COPY packages/contract/package.json packages/contract/
COPY packages/db/package.json packages/db/
COPY packages/mapping/package.json packages/mapping/
COPY packages/procore/package.json packages/procore/
COPY packages/procore-simulator/package.json packages/procore-simulator/
COPY packages/qb-simulator/package.json packages/qb-simulator/
COPY packages/qbo/package.json packages/qbo/
COPY packages/qbo-simulator/package.json packages/qbo-simulator/
COPY packages/qbwc/package.json packages/qbwc/
COPY packages/qbwc-client/package.json packages/qbwc-client/
COPY packages/qbxml/package.json packages/qbxml/
COPY packages/sync/package.json packages/sync/
# No install scripts are needed (pnpm-workspace.yaml allowBuilds); the root postinstall runs below, by name.
RUN pnpm install --frozen-lockfile --ignore-scripts
COPY . .
# `prisma generate` offline (docs/machine-setup.md#prisma-offline), then `pnpm build`: the server and packages to
# <package>/dist, type-checked, and the web app to apps/web/dist.
RUN node scripts/prisma-generate.mjs && pnpm build
# The production folder: compiled code, migrations, the web app, and production dependencies from the store
# this stage already filled (no network).
RUN node scripts/stage-production.mjs /out/app \
 && cd /out/app \
 && pnpm install --prod --frozen-lockfile --offline --ignore-scripts --filter '@connector/server...'

# --- runtime: Node and the production folder, nothing else ---------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATA_DIR=/data \
    SHUTDOWN_GRACE_SECONDS=25
WORKDIR /app
# Owned by root, read-only to the server: it writes only to /data (the embedded database, or demo mode's key).
COPY --from=build /out/app /app
RUN mkdir -p /data && chown node:node /data
# The `node` user (uid 1000) of the official image.
USER node
EXPOSE 3000
VOLUME ["/data"]
# Liveness only (no database): readiness is GET /readyz, for the load balancer.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM: stop accepting, finish the calls and the job in progress, exit (apps/server/src/main.ts).
STOPSIGNAL SIGTERM
# `pnpm start:prod` without pnpm: migrations are applied at start under an advisory lock (packages/db).
# Admin CLI: docker compose exec app node --conditions=connector-dist apps/server/dist/admin/cli.js --help
CMD ["node", "--conditions=connector-dist", "apps/server/dist/main.js"]
