import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReplaySite, startReplaySite } from '../../cli/replay-site.ts';
import { SAMPLE_SITE } from '../support/stack.ts';

describe('the replayed sample site', () => {
  let site: ReplaySite;

  beforeAll(async () => {
    site = await startReplaySite(SAMPLE_SITE);
  });
  afterAll(async () => {
    await site?.close();
  });

  it('serves a placeholder for each article\'s photos, so the images the pages and feeds name open', async () => {
    for (const path of ['/static/img/en-d93a61.jpg', '/static/img/ru-6b8e21-2.jpg', '/static/img/cn-sdd923a4c80dd.jpg']) {
      const response = await fetch(site.url(path));
      expect([path, response.status, response.headers.get('content-type')]).toEqual([path, 200, 'image/svg+xml']);
      expect(await response.text()).toContain(`Sample photo · ${path.slice('/static/img/'.length, -'.jpg'.length)}</text>`);
    }
  });

  it('answers 404 for a photo of no article, and for any other path it does not serve', async () => {
    for (const path of ['/static/img/en-000000.jpg', '/static/img/en-d93a61.png', '/static/img/../rss/rus.xml.jpg', '/nowhere']) {
      expect([path, (await fetch(site.url(path))).status]).toEqual([path, 404]);
    }
  });
});
