# One image for the writer, the reader and the migration CLI (docker-compose.yml picks the
# command). Two stages: `build` compiles everything and gathers the files that run into
# /app/.runtime; the runtime stage holds only those, owned by root, and runs as the unprivileged
# user `node`.
#
# .ci/run replays this file without a Docker engine (scripts/replay-dockerfile.js): it runs the
# build stage's RUN lines in a scratch copy of the repository, carries out the runtime stage's
# COPY --from=build, WORKDIR, ENV, USER and CMD in an empty folder, starts the writer and the
# reader from there as an unprivileged user and runs the HEALTHCHECK (absolute paths of the image
# are taken inside that folder). Keep to single-line
# instructions (continued with \) that it understands: FROM, ARG, ENV, WORKDIR, COPY, RUN, USER,
# VOLUME, EXPOSE, HEALTHCHECK, CMD.

FROM node:20-bookworm-slim AS build

# better-sqlite3 compiles from source, here, on the runtime stage's base image, so the binary
# matches the runtime's glibc and Node. RUN lines after this one use paths relative to WORKDIR
# (the replay runs them in its scratch copy).
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY . .
# npm ci builds everything (prepare: tsc -b, the migration CLI's bundle and its code cache, made
# here by the runtime's Node, then the web pages into apps/web/dist, which the reader serves; the
# image fails to build without them); then drop the build-only packages.
RUN npm ci --no-audit --no-fund \
  && test -f apps/web/dist/index.html \
  && test -f apps/migrate/dist/meshview-migrate.js \
  && test -f apps/migrate/dist/meshview-migrate.cache \
  && npm prune --omit=dev --no-audit --no-fund

# What runs: each server workspace's package.json and dist; the migration CLI's bin, the reader's
# translations, the migration scripts' sources (the engine lists them and checks that each
# compiled form is not older); the pages; the production node_modules (workspace links
# included); config.ini; the healthcheck. No sources, tests or build tools.
RUN mkdir .runtime \
  && cp -a package.json config.ini node_modules .runtime/ \
  && for ws in packages/api packages/config packages/db packages/log packages/mesh packages/migrate packages/schema packages/sim apps/migrate apps/reader apps/writer apps/web migrations; do mkdir -p .runtime/$ws && cp -a $ws/package.json $ws/dist .runtime/$ws/ || exit 1; done \
  && cp -a apps/migrate/bin .runtime/apps/migrate/ \
  && cp -a apps/reader/lang .runtime/apps/reader/ \
  && cp -a migrations/versions .runtime/migrations/ \
  && mkdir .runtime/scripts && cp -a scripts/healthcheck.js .runtime/scripts/ \
  && find .runtime -name '*.tsbuildinfo' -delete \
  && mkdir .empty

FROM node:20-bookworm-slim

COPY --from=build /app/.runtime/ /app/
# The volume's folder, the only place the apps write, owned by the app's user (a new named volume
# takes the owner of the image's folder). It is the working directory, so that config.ini's
# relative paths land in it: the database (sqlite+aiosqlite:///packets.db is /data/packets.db),
# [cleanup] backup_dir, [logging] db_cleanup_logfile. Hence the absolute paths below.
COPY --from=build --chown=node:node /app/.empty /data
WORKDIR /data
VOLUME ["/data"]

ENV NODE_ENV=production
# V8's background threads (its garbage collector's helpers) fitted to the CPUs the container may
# use: one fewer than them, at least one, instead of Node's fixed 4. On two cores, 4 helpers
# beside the reader's two threads, the writer and the database made the reader's slowest answers
# about twice as slow (docs/PERFORMANCE.md). Override NODE_OPTIONS to change it.
ENV NODE_OPTIONS=--v8-pool-size=0
# The reader's /version: the image has no .git, so pass the revision at build time
# (docker build --build-arg GIT_REVISION=$(git rev-parse HEAD) .).
ARG GIT_REVISION=unknown
ENV MESHVIEW_GIT_REVISION=$GIT_REVISION
# Which app scripts/healthcheck.js checks: the default command's. docker-compose.yml sets each
# service's own check.
ENV MESHVIEW_HEALTHCHECK=writer
# The reader's HTTP port and the embedded MQTT broker's (with [mqtt] server = embedded).
EXPOSE 8081 1883

USER node
HEALTHCHECK --interval=30s --timeout=10s --start-period=5m --retries=3 CMD ["node", "/app/scripts/healthcheck.js", "--config", "/app/config.ini"]
CMD ["node", "/app/apps/writer", "--config", "/app/config.ini"]
