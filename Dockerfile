# dondoc worker image, used by the `worker` service of docker-compose.yml.
#
# Base: the official Node.js image, Node 20 (package.json engines: >=20.19 <21 || >=22), Debian bookworm slim.
# 20.20.2 is the last Node 20 release the official images built (nodejs/docker-node commit 8e93bb03,
# 20/bookworm-slim/Dockerfile: NODE_VERSION=20.20.2; tag scheme <major>.<minor>.<patch>-<variant> from
# its stackbrew.js). Node 20 reached end of life on 2026-04-30 and docker-node dropped it (commit f97aaf33):
# this tag gets no more security fixes, so move to node:22-bookworm-slim when the project does.
# glibc (not alpine) on purpose: @temporalio/core-bridge ships prebuilt *-unknown-linux-gnu binaries.
FROM node:20.20.2-bookworm-slim

ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false

WORKDIR /app

# Dependencies first, from the lockfile only, so this layer is reused until package*.json change.
# No toolchain is needed: the Temporal native bridge is a prebuilt binary inside the
# @temporalio/core-bridge npm package (releases/<target>/index.node); esbuild (the build below) and
# tsx (which bundles the workflows from their TypeScript sources at start) are runtime dependencies.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

# The source (see .dockerignore). Files stay root-owned: the worker can read but not change its code.
COPY . .

# The compiled build (scripts/build.js): the processes load plain JavaScript from /app/.build/<hash>,
# without tsx's loader (the worker: ≈60 MB less RSS; no transpiling at start). At start bin/launch.js
# checks that the build matches these sources; if it did not, it could not write a new one here and
# would run the sources through tsx, saying so in the log.
RUN node scripts/build.js

# The data directory, owned by the unprivileged `node` user (uid 1000) that the base image provides.
# A named volume mounted here starts with this ownership.
RUN mkdir -p /data && chown node:node /data
ENV DONDOC_DATA_DIR=/data
VOLUME ["/data"]

USER node

# Runs the worker directly, NOT `npm start`: that script first runs scripts/provision.js, which builds
# the local toolchain (Temporal CLI with Go, test server with Java) for the embedded dev server. In
# compose, TEMPORAL_ADDRESS points at the `temporal` service, so no dev server is started.
# `node bin/run.js workers/main` (not npx or npm): a single process that loads workers/main.ts's
# compiled module and receives docker's SIGTERM itself, so the worker's own handler drains and stops
# cleanly. Checked outside Docker: under `npx tsx` the SIGTERM stops at the `sh -c` through which npm
# exec runs its command, npm exits, and the worker would be killed un-drained when the container goes down.
CMD ["node", "bin/run.js", "workers/main"]
