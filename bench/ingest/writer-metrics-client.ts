/** The writer's counters that say a message is done with: stored, or counted as not to store. */
const DONE = ['stored', 'duplicates', 'malformed', 'skipped', 'rate_limited', 'dropped'] as const;

/**
 * Reads a running writer's `/metrics` (`[metrics] writer_port`): how many messages it has
 * finished with (committed, or counted as not to be stored), and the records it holds. The
 * counters are mirrored from the ingest thread once a second, so they lag by up to a second.
 */
export async function writerProgress(
  port: number,
): Promise<{ readonly done: number; readonly held: number; readonly received: number }> {
  const text = await scrape(port);
  const value = (name: string): number => {
    const match = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
    return match ? Number(match[1]) : 0;
  };
  return {
    done: DONE.reduce((sum, c) => sum + value(`meshview_writer_${c}_total`), 0),
    held: value('meshview_writer_queue_depth_records'),
    received: value('meshview_writer_received_total'),
  };
}

/**
 * One scrape, on a connection of its own (a kept-alive one can be closed by the server just as
 * it is reused: "other side closed"), tried three times.
 */
async function scrape(port: number): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/metrics`, {
        headers: { connection: 'close' },
      });
      return await response.text();
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}
