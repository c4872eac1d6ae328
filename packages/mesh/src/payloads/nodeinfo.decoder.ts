import { hwModelName, roleName } from '../enum-names.js';
import { formatNodeId, isNodeNumber, parseNodeId } from '../node-id.js';
import { PortNum } from '../port-num.js';
import { Mesh } from '../protobufs.js';
import type { PayloadRows } from './payload-decoder.js';
import { protobufDecoder } from './protobuf-decoder.js';

/**
 * NODEINFO_APP: `User`. Upserts the node named by `User.id` (not the packet's sender, as
 * MeshView does), written back as `!%08x` so every path keys a node alike; a `User.id` that is
 * not `!hex` gives no rows (MeshView 3.0.6 skips those too). A public key is recorded as hex.
 */
export const nodeinfoDecoder = protobufDecoder(
  PortNum.NODEINFO_APP,
  Mesh.UserSchema,
  (user, { channel, nowUs }) => {
    const nodeId = parseNodeId(user.id);
    if (nodeId === null || !isNodeNumber(nodeId)) return {};
    const rows: PayloadRows = {
      nodes: [
        {
          id: formatNodeId(nodeId),
          node_id: nodeId,
          long_name: user.longName,
          short_name: user.shortName,
          hw_model: hwModelName(user.hwModel),
          role: roleName(user.role),
          channel,
          seen_us: nowUs,
        },
      ],
    };
    if (user.publicKey.length === 0) return rows;
    return {
      ...rows,
      publicKey: {
        node_id: nodeId,
        public_key: Buffer.from(user.publicKey).toString('hex'),
        seen_us: nowUs,
      },
    };
  },
);
