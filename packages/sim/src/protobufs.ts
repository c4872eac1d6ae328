/// <reference path="../../mesh/src/meshtastic-protobufs.d.ts" />
/**
 * The Meshtastic schemas the simulated mesh builds its messages with, typed by packages/mesh's
 * declarations (the npm package ships none); this package's modules import them from here.
 */
export { Mesh, Mqtt, Telemetry } from '@meshtastic/protobufs';
