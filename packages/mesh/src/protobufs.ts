// @meshtastic/protobufs' declarations are an ambient module (its tarball has no types), which no
// import can bring in: this reference carries them into every program that compiles this file.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- ambient declarations, see above
/// <reference path="./meshtastic-protobufs.d.ts" />
/**
 * The Meshtastic schemas, typed by our own declarations (the npm package's are missing). Every
 * module of this package imports them from here rather than from `@meshtastic/protobufs`, so
 * whichever program compiles a module also sees the declarations.
 */
export { Config, Mesh, Mqtt, Portnums, Telemetry } from '@meshtastic/protobufs';
