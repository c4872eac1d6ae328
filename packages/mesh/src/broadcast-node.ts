/**
 * Meshtastic's broadcast address (`NODENUM_BROADCAST`, mesh.proto): a packet `to` it is for every
 * node; anything else is a direct message.
 */
export const BROADCAST_NODE = 0xffffffff;
