import { PortNum } from '../port-num.js';
import { Mesh } from '../protobufs.js';
import { protobufDecoder } from './protobuf-decoder.js';

/** NEIGHBORINFO_APP: `NeighborInfo`; stored only in the packet. */
export const neighborinfoDecoder = protobufDecoder(
  PortNum.NEIGHBORINFO_APP,
  Mesh.NeighborInfoSchema,
);
