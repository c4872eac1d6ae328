/// <reference path="../../../../packages/mesh/src/meshtastic-protobufs.d.ts" />
/// <reference path="./meshtastic-admin.d.ts" />
/**
 * The Meshtastic schemas the reader renders and builds, typed by packages/mesh's declarations
 * (plus `SharedContact`); the reader's modules import them from here.
 */
export { Admin, Mesh, Mqtt, Telemetry } from '@meshtastic/protobufs';
