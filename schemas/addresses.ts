/**
 * The settings that name a place on the web, checked without zod: the CLI checks its flags with
 * these before it loads anything or opens the store, and the config schema checks the same rules.
 * Each returns the value in its canonical form, or throws an Error saying what is expected.
 */

/**
 * A public base URL (`--public-url`, where the feeds are served from): an absolute http or https
 * URL without credentials, query or fragment; returned without trailing slashes, so that
 * `${base}/feeds/all.xml` is a URL.
 */
export function publicBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error('expected an absolute http or https URL, e.g. https://feeds.example.org');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`expected an http or https URL, not ${url.protocol.slice(0, -1)}`);
  // An empty query or fragment ("…/?", "…#") leaves url.search and url.hash empty: look at the text.
  if (url.username || url.password || /[?#]/.test(value)) throw new Error('expected a URL without credentials, query or fragment');
  return url.href.replace(/\/+$/, '');
}

/**
 * A source to poll (`--feed`): an absolute http or https URL, returned as given. The config
 * schema's source URLs (`z.url` with the same protocols) accept the same.
 */
export function sourceUrl(value: string): string {
  if (!URL.canParse(value)) throw new Error('expected an absolute http or https URL of a feed, sitemap or list page, e.g. https://www.inform.kz/rss/rus.xml');
  const { protocol } = new URL(value);
  if (protocol !== 'http:' && protocol !== 'https:') throw new Error(`expected an http or https URL, not ${protocol.slice(0, -1)}`);
  return value;
}

/**
 * A host the allowlist lets a run contact (`--allow-host`): a host name or an IP address (IPv6 in
 * brackets), optionally with `:port`, as in a URL's host; returned lower-case. A bare host allows
 * every port, `host:port` that port only. A URL is refused with the host to give instead.
 */
export function allowedHost(value: string): string {
  const expected = 'expected a host or host:port, e.g. www.inform.kz or 127.0.0.1:8080';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    const host = URL.canParse(value) ? new URL(value).host : '';
    throw new Error(`${expected}, not a URL${host ? `: give ${host}` : ''}`);
  }
  let url: URL;
  try {
    url = new URL(`http://${value}`);
  } catch {
    throw new Error(expected);
  }
  // What the URL parser made of it must be the host and port as given (the port may be 80, which it drops).
  const port = /:(\d{1,5})$/.exec(value)?.[1];
  const canonical = port && !url.port ? `${url.hostname}:${Number(port)}` : url.host;
  // The URL parser lets through names no DNS holds ("bad_host!!"): labels of letters, digits, "-" and "_".
  const name = /^(\[[0-9a-f:.]+\]|[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*\.?)$/.test(url.hostname);
  if (!name || canonical !== value.toLowerCase() || url.pathname !== '/' || url.search || url.hash) throw new Error(expected);
  return canonical;
}
