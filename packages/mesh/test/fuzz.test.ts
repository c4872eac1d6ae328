import { describe, expect, it } from 'vitest';
import { createKeyRing, interpretEnvelope, type EnvelopeResult } from '../src/index.js';
import {
  seededRandom,
  DEFAULT_KEY,
  buildEnvelope,
  PORT,
  textEnvelope,
  topicFor,
} from '@meshview/sim';

const ctx = { keyRing: createKeyRing(['Ag==']), skipNodeIds: new Set<number>(), nowUs: 1 };
const TOPIC = topicFor();

function check(payload: Uint8Array): EnvelopeResult {
  const result = interpretEnvelope(TOPIC, payload, ctx);
  expect(['malformed', 'skipped', 'packet']).toContain(result.kind);
  return result;
}

describe('interpretEnvelope on garbage', () => {
  it('never throws on 5,000 random buffers, and calls most of them malformed', () => {
    const next = seededRandom(0x5eed);
    let malformed = 0;
    for (let i = 0; i < 5000; i++) {
      const payload = Uint8Array.from({ length: Math.floor(next() * 300) }, () => next() * 256);
      if (check(payload).kind === 'malformed') malformed += 1;
    }
    expect(malformed).toBeGreaterThan(4000);
  });

  it('never throws on 3,000 valid envelopes with random bytes flipped', () => {
    const next = seededRandom(42);
    const envelopes = [
      textEnvelope('a message long enough to be worth corrupting'),
      buildEnvelope({ portnum: PORT.POSITION_APP, payload: Uint8Array.of(0x0d, 1, 2, 3, 4) }),
      textEnvelope('plain', { encryption: 'plain' }),
      textEnvelope('aes256', { encryption: new Uint8Array(32).fill(3) }),
      textEnvelope('default', { encryption: DEFAULT_KEY, gatewayId: null }),
    ];
    for (let i = 0; i < 3000; i++) {
      const payload = Uint8Array.from(envelopes[i % envelopes.length]!);
      for (let flips = 1 + Math.floor(next() * 4); flips > 0; flips--) {
        payload[Math.floor(next() * payload.length)] = Math.floor(next() * 256);
      }
      check(payload);
    }
  });
});
