/**
 * The pages on PostgreSQL: the same reader and pages as on SQLite (shell.browser.test.ts and the
 * page tests run there in full), on a database of the other dialect filled the same way.
 */
import { describe, expect, it } from 'vitest';
import { pgSkipReason } from '#test/postgres.js';
import { useBrowserSite } from './support/browser-site.js';
import { chromiumSkipReason } from './support/chromium.js';
import { expectNoProblems } from './support/page-probe.js';

const skip = chromiumSkipReason ?? pgSkipReason;

describe.skipIf(skip)(`the pages on PostgreSQL${skip ? ` (${skip})` : ''}`, () => {
  const site = useBrowserSite('postgres', 'pages');

  it('the node list shows the nodes', async () => {
    const { page, probe, response } = await site.open('/nodelist');
    expect(response?.status()).toBe(200);
    // The list renders only the rows on screen: some node of the mesh, whichever sorts first.
    const names = site.mesh.record.nodes.map((n) =>
      n.longName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    );
    await page
      .getByRole('main')
      .getByText(new RegExp(names.join('|')))
      .first()
      .waitFor();
    expectNoProblems(probe);
  });

  it("a node's page shows the node", async () => {
    const { page, probe, response } = await site.open(`/node/${site.mesh.node.num}`);
    expect(response?.status()).toBe(200);
    await page.getByRole('main').getByText(site.mesh.node.longName).first().waitFor();
    expectNoProblems(probe);
  });

  it("a packet's page shows what it said", async () => {
    const { page, probe, response } = await site.open(`/packet/${site.mesh.packet.id}`);
    expect(response?.status()).toBe(200);
    await page.getByRole('main').getByText(site.mesh.packet.content.text).first().waitFor();
    expectNoProblems(probe);
  });
});
