import { create, toBinary } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import { decodePayload, PortNum } from '../src/index.js';
import { Mesh, Mqtt } from '../src/protobufs.js';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('decodePayload', () => {
  it('decodes text as UTF-8', () => {
    expect(decodePayload({ portnum: PortNum.TEXT_MESSAGE_APP, payload: utf8('héllo 📡') })).toEqual(
      { portnum: 1, port: 'TEXT_MESSAGE_APP', value: 'héllo 📡' },
    );
  });

  it('gives null for text that is not UTF-8', () => {
    const payload = Uint8Array.of(0x68, 0xc3, 0x28);
    expect(decodePayload({ portnum: PortNum.TEXT_MESSAGE_APP, payload }).value).toBeNull();
  });

  it('decodes messages as protobuf JSON: camelCase, enums by name, bytes as base64', () => {
    const user = create(Mesh.UserSchema, {
      id: '!00000001',
      longName: 'One',
      hwModel: 9,
      role: 1,
      publicKey: Uint8Array.of(1, 2, 3),
    });
    const payload = toBinary(Mesh.UserSchema, user);
    expect(decodePayload({ portnum: PortNum.NODEINFO_APP, payload }).value).toEqual({
      id: '!00000001',
      longName: 'One',
      hwModel: 'RAK4631',
      role: 'CLIENT_MUTE',
      publicKey: 'AQID',
    });
  });

  it('keeps enum values newer than the library as numbers', () => {
    const report = create(Mqtt.MapReportSchema, { longName: 'New', hwModel: 4000 });
    const payload = toBinary(Mqtt.MapReportSchema, report);
    expect(decodePayload({ portnum: PortNum.MAP_REPORT_APP, payload }).value).toEqual({
      longName: 'New',
      hwModel: 4000,
    });
  });

  it('carries reply, request and want-response flags', () => {
    expect(
      decodePayload({
        portnum: PortNum.ROUTING_APP,
        payload: Uint8Array.of(0x18, 0x00),
        requestId: 7,
        replyId: 8,
        wantResponse: true,
      }),
    ).toEqual({
      portnum: 5,
      port: 'ROUTING_APP',
      value: { errorReason: 'NONE' },
      requestId: 7,
      replyId: 8,
      wantResponse: true,
    });
  });

  it('gives null for ports without a decoder, by name or unknown(N)', () => {
    expect(decodePayload({ portnum: 65, payload: Uint8Array.of(8, 1) })).toEqual({
      portnum: 65,
      port: 'STORE_FORWARD_APP',
      value: null,
    });
    expect(decodePayload({ portnum: 511, payload: new Uint8Array() }).port).toBe('MAX');
    expect(decodePayload({ portnum: 1000, payload: new Uint8Array() }).port).toBe('unknown(1000)');
  });

  it('gives null, never throws, for payloads that do not parse', () => {
    const garbage = Uint8Array.of(0x0a, 0xff, 0xff);
    for (const portnum of [3, 4, 5, 67, 70, 71, 73]) {
      expect(decodePayload({ portnum, payload: garbage }).value).toBeNull();
    }
  });
});
