/// <reference path="../types/meshtastic-protobufs.d.ts" preserve="true" />
/**
 * The Meshtastic schemas, typed by our own declarations (the npm package's are missing). Every
 * module of this package, and every user of the package's schemas, imports them from here
 * rather than from `@meshtastic/protobufs`, so whichever program compiles it also sees the
 * declarations.
 */
export { Admin, Config, Mesh, Mqtt, Portnums, Telemetry } from '@meshtastic/protobufs';
