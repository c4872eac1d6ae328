import { describe, expect, it } from 'vitest';
import {
  REFUSED_SUBSCRIPTION_MESSAGE,
  RefusedSubscriptionLog,
} from '../../src/mqtt/refused-subscription-log.js';

/** A log that keeps its lines and a clock the test moves. */
function setup(intervalMs = 60_000) {
  const lines: Record<string, unknown>[] = [];
  let now = 1_000_000;
  const log = new RefusedSubscriptionLog({
    logger: { warn: (fields, message) => lines.push({ ...fields, message }) },
    intervalMs,
    now: () => now,
  });
  return { log, lines, advance: (ms: number) => (now += ms) };
}

describe('RefusedSubscriptionLog', () => {
  it('logs the first refusal at once, naming the client id, the filter and what to do', () => {
    const { log, lines } = setup();
    log.record('snooper', '#');
    expect(lines).toEqual([
      { clientId: 'snooper', filter: '#', refused: 1, message: REFUSED_SUBSCRIPTION_MESSAGE },
    ]);
    expect(REFUSED_SUBSCRIPTION_MESSAGE).toContain('SUBACK 0x80');
    expect(REFUSED_SUBSCRIPTION_MESSAGE).toContain('[mqtt] username and password');
    expect(REFUSED_SUBSCRIPTION_MESSAGE).toContain('allow_anonymous_subscribe = true');
  });

  it('writes at most one line per interval, whatever the clients, counting the refusals it stands for', () => {
    const { log, lines, advance } = setup(60_000);
    log.record('a', '#');
    for (let i = 0; i < 1000; i++) {
      advance(10);
      log.record(`client-${i}`, `msh/${i}/#`);
    }
    expect(lines).toHaveLength(1);
    advance(60_000);
    log.record('b', 'msh/#');
    expect(lines).toHaveLength(2);
    // The 1000 held back and this one.
    expect(lines[1]).toMatchObject({ clientId: 'b', filter: 'msh/#', refused: 1001 });
    advance(59_999);
    log.record('c', '#');
    expect(lines).toHaveLength(2);
    advance(1);
    log.record('d', '#');
    expect(lines[2]).toMatchObject({ clientId: 'd', refused: 2 });
  });
});
