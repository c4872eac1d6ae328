// @meshtastic/protobufs' declarations are an ambient module (its tarball has no types), which no
// import can bring in: this reference carries them into every program that compiles this file,
// and `preserve` keeps it in the declaration output for the package's users.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- ambient declarations, see above
/// <reference path="../types/meshtastic-protobufs.d.ts" preserve="true" />
/**
 * The Meshtastic schemas, typed by our own declarations (the npm package's are missing). Every
 * module of this package, and every user of the package's schemas, imports them from here
 * rather than from `@meshtastic/protobufs`, so whichever program compiles it also sees the
 * declarations.
 */
export { Admin, Config, Mesh, Mqtt, Portnums, Telemetry } from '@meshtastic/protobufs';
