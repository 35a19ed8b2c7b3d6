import { describe, expect, it } from 'vitest';
import { StackSettings } from '../../infra/config.ts';
import { allowedHost, publicBaseUrl } from '../../schemas/addresses.ts';
import { resolveConfig } from '../../functions/lib/config.ts';

describe('settings that name a place: --public-url and --allow-host, the config and the deploy settings', () => {
  it('a public base URL is an absolute http(s) URL, kept without trailing slashes', () => {
    expect(publicBaseUrl('https://feeds.example.org/')).toBe('https://feeds.example.org');
    expect(publicBaseUrl('http://127.0.0.1:8080/kz//')).toBe('http://127.0.0.1:8080/kz');
    expect(() => publicBaseUrl('notaurl')).toThrow('expected an absolute http or https URL, e.g. https://feeds.example.org');
    expect(() => publicBaseUrl('ftp://example.org')).toThrow('expected an http or https URL, not ftp');
    for (const bad of ['https://example.org/?a=1', 'https://example.org/?', 'https://example.org/feeds#', 'https://user@example.org']) {
      expect(() => publicBaseUrl(bad), bad).toThrow('without credentials, query or fragment');
    }
  });

  it('an allowed host is a host or host:port, lower-cased; a URL is refused with the host to give', () => {
    for (const [given, kept] of [['WWW.Inform.KZ', 'www.inform.kz'], ['127.0.0.1:8080', '127.0.0.1:8080'], ['[::1]:9000', '[::1]:9000'], ['localhost', 'localhost'], ['example.org:80', 'example.org:80']]) {
      expect(allowedHost(given as string)).toBe(kept);
    }
    for (const bad of ['bad host!!', 'bad_host!!', '', 'example.org/path', 'user@example.org', '::1', 'example.org:', '-x.org', 'example.org:99999', '127.0.0.1:0080', 'example.org:08080']) {
      expect(() => allowedHost(bad), bad).toThrow('expected a host or host:port, e.g. www.inform.kz or 127.0.0.1:8080');
    }
    expect(() => allowedHost('http://127.0.0.1:8080')).toThrow('expected a host or host:port, e.g. www.inform.kz or 127.0.0.1:8080, not a URL: give 127.0.0.1:8080');
  });

  it('the pipeline config and the deploy settings apply the same rules', () => {
    expect(() => resolveConfig({ allowHosts: ['http://127.0.0.1:8080'] })).toThrow(/not a URL: give 127\.0\.0\.1:8080/);
    expect(() => resolveConfig({ publicBaseUrl: 'ftp://example.org' })).toThrow(/not ftp/);
    expect(resolveConfig({ publicBaseUrl: 'https://feeds.example.org' }).publicBaseUrl).toBe('https://feeds.example.org');
    const settings = StackSettings.safeParse({ allowHosts: 'www.inform.kz,https://cn.inform.kz' });
    expect(settings.success).toBe(false);
    expect(settings.error?.issues[0]?.message).toMatch(/not a URL: give cn\.inform\.kz$/);
    expect(StackSettings.parse({ allowHosts: 'WWW.inform.kz, cn.inform.kz' }).allowHosts).toEqual(['www.inform.kz', 'cn.inform.kz']);
  });
});

describe('the Lambda functions take the deployed base URL by the same rule', () => {
  it('KAZFEED_PUBLIC_BASE_URL must be an http(s) URL without query or fragment, or the handler names it', async () => {
    const { ENV, LambdaEnvError, readLambdaSettings } = await import('../../functions/lib/lambda-env.ts');
    const env = { [ENV.bucket]: 'b' };
    expect(readLambdaSettings({ ...env, [ENV.publicBaseUrl]: 'https://d1.cloudfront.net/' }).config.publicBaseUrl).toBe('https://d1.cloudfront.net');
    expect(() => readLambdaSettings({ ...env, [ENV.publicBaseUrl]: 'https://d1.cloudfront.net/?x=1' })).toThrow(LambdaEnvError);
    expect(() => readLambdaSettings({ ...env, [ENV.publicBaseUrl]: 'ftp://d1' })).toThrow('KAZFEED_PUBLIC_BASE_URL: expected an http or https URL, not ftp; got ftp://d1');
  });

  it('an endpoint variable must be an http(s) URL, or the handler names the variable and the value', async () => {
    const { ENV, LambdaEnvError, readLambdaSettings } = await import('../../functions/lib/lambda-env.ts');
    const env = { [ENV.bucket]: 'b' };
    expect(readLambdaSettings({ ...env, [ENV.s3Endpoint]: ' http://127.0.0.1:9000 ' }).s3Endpoint).toBe('http://127.0.0.1:9000');
    expect(readLambdaSettings({ ...env, [ENV.sqsEndpoint]: '' }).sqsEndpoint).toBeUndefined();
    expect(() => readLambdaSettings({ ...env, [ENV.sqsEndpoint]: 'localhost:9324' })).toThrow(LambdaEnvError);
    expect(() => readLambdaSettings({ ...env, [ENV.s3Endpoint]: 'file:///tmp/s3' })).toThrow('S3_ENDPOINT: not an http(s) URL; got file:///tmp/s3');
  });
});
