import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kazfeedUntil } from '../support/cli.ts';
import { sampleSiteIndex } from '../support/stack.ts';
import { chromiumMissing, launchChromium, watch } from './chromium.ts';

describe.skipIf(chromiumMissing)('npm start (kazfeed demo), opened in Chromium', () => {
  it('prints the atlas URL first, and the atlas shows every pair of the sample site with its chart', async () => {
    const home = await mkdtemp(join(tmpdir(), 'kazfeed-demo-'));
    const browser = await launchChromium();
    try {
      const demo = kazfeedUntil(['demo', '--port', '0'], { KAZFEED_HOME: home }, /Atlas: (http:\/\/127\.0\.0\.1:\d+\/site\/index\.html)[\s\S]*Press Ctrl-C/);
      let stdout = '';
      demo.child.stdout.on('data', (d) => (stdout += d));
      const atlas = await demo.started;
      expect(stdout.trimStart().split('\n')[0]).toBe(`Atlas: ${atlas}`);

      const page = await browser.context.newPage();
      const problems = watch(page);
      await page.goto(atlas);
      const pairs = new Set((await sampleSiteIndex()).articles.flatMap((a) => (a.expected.kind === 'bilateral' && a.expected.pair ? [a.expected.pair] : [])));
      expect(await page.locator('.pairs > li svg.chart').count()).toBe(pairs.size);
      expect(problems).toEqual([]);
      demo.child.kill('SIGINT');
      expect(await demo.exited).toBe(0);
    } finally {
      await browser.close();
      await rm(home, { recursive: true, force: true });
    }
  }, 60_000);
});
