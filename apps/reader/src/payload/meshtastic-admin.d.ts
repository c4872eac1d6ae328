/**
 * `meshtastic.SharedContact` (admin.proto), which the node QR route encodes; added beside the
 * declarations packages/mesh keeps for `@meshtastic/protobufs` (whose own types are missing).
 */
declare module '@meshtastic/protobufs' {
  import type { Message } from '@bufbuild/protobuf';
  import type { GenMessage } from '@bufbuild/protobuf/codegenv1';

  export namespace Admin {
    export type SharedContact = Message<'meshtastic.SharedContact'> & {
      nodeNum: number;
      user?: Mesh.User;
      shouldIgnore: boolean;
      manuallyVerified: boolean;
    };
    export const SharedContactSchema: GenMessage<SharedContact>;
  }
}
