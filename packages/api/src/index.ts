/**
 * The reader's HTTP API in one place: the TypeBox schemas of the routes the pages call (the
 * reader validates and serialises with them) and their types (the web app imports only these,
 * with `import type`), and the list of the app's pages.
 */
export * from './config.schema.js';
export * from './edges.schema.js';
export * from './node.schema.js';
export * from './node-extras.schema.js';
export * from './nullable.js';
export * from './packet.schema.js';
export * from './param-schemas.js';
export * from './pages.js';
export * from './stats.schema.js';
export * from './stream.schema.js';
export * from './traceroute.schema.js';
