# One image for the writer, the reader and the migration CLI (docker-compose.yml picks the command).
FROM node:20-bookworm-slim

# better-sqlite3 compiles from source.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY . .
# npm ci builds everything (prepare: tsc -b, then the web pages into apps/web/dist, which the
# reader serves; the image fails to build without them); then drop the build-only packages.
RUN npm ci --no-audit --no-fund \
  && test -f apps/web/dist/index.html \
  && npm prune --omit=dev --no-audit --no-fund

ENV NODE_ENV=production
# The reader's /version: the image has no .git, so pass the revision at build time
# (docker build --build-arg GIT_REVISION=$(git rev-parse HEAD) .).
ARG GIT_REVISION=unknown
ENV MESHVIEW_GIT_REVISION=$GIT_REVISION
VOLUME ["/data"]
EXPOSE 8081 1883
CMD ["node", "apps/writer", "--config", "/app/config.ini"]
