import { describe, expect, it } from 'vitest';
import { challengeOf } from '../../functions/lib/challenge.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const html = (title: string, body = '') => bytes(`<!DOCTYPE html><html><head><title>${title}</title></head><body>${body}</body></html>`);
const headers = (entries: Record<string, string> = {}) => new Headers({ 'content-type': 'text/html; charset=UTF-8', ...entries });

describe('challengeOf: a bot challenge or block page is named, a real page is not', () => {
  it("names Cloudflare's challenge by its header, whatever the body", () => {
    expect(challengeOf(403, headers({ 'cf-mitigated': 'challenge' }), bytes(''))).toMatch(/Cloudflare bot challenge/);
  });

  it('names a "Just a moment..." interstitial served with 403, 503 or even 200', () => {
    for (const status of [200, 403, 503]) expect(challengeOf(status, headers(), html('Just a moment...')), String(status)).toMatch(/"Just a moment\.\.\."/);
  });

  it('names block pages and challenge markup under other titles', () => {
    expect(challengeOf(403, headers(), html('Attention Required! | Cloudflare'))).not.toBeNull();
    expect(challengeOf(403, headers(), html('Access denied | www.inform.kz used Cloudflare to restrict access'))).not.toBeNull();
    expect(challengeOf(503, headers(), html('DDoS-Guard'))).not.toBeNull();
    expect(challengeOf(200, headers(), html('Kazinform', '<script>window._cf_chl_opt={cvId:"3"}</script>'))).toMatch(/challenge markup/);
  });

  it('passes a news page behind the CDN, whose bot-detection script every page carries', () => {
    expect(challengeOf(200, headers(), html('Tokayev meets Mirziyoyev | Kazinform', '<script src="/cdn-cgi/challenge-platform/scripts/jsd/main.js"></script><p>Text</p>'))).toBeNull();
  });

  it('passes a feed whose item is titled like an interstitial, and a plain 404 or 500', () => {
    const rss = bytes('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>Just a moment...</title></item></channel></rss>');
    expect(challengeOf(200, new Headers({ 'content-type': 'application/rss+xml' }), rss)).toBeNull();
    expect(challengeOf(404, headers(), html('Just a moment...'))).toBeNull();
    expect(challengeOf(500, headers(), html('Internal error'))).toBeNull();
  });
});
