import { fromBinary, toJson } from '@bufbuild/protobuf';
import { PortNum } from '../port-num.js';
import { Mesh } from '../protobufs.js';
import type { PayloadDecoder } from './payload-decoder.js';

/** NEIGHBORINFO_APP: `NeighborInfo`; stored only in the packet. */
export const neighborinfoDecoder: PayloadDecoder<Mesh.NeighborInfo> = {
  portnum: PortNum.NEIGHBORINFO_APP,
  parse: (payload) => fromBinary(Mesh.NeighborInfoSchema, payload),
  toValue: (message) => toJson(Mesh.NeighborInfoSchema, message),
};
