import { describe, expect, it } from 'vitest';
import { once, oncePer } from '../../functions/lib/once.ts';

describe('a value built on first use', () => {
  it('builds nothing until asked, then builds once and keeps the value', () => {
    let builds = 0;
    const value = once(() => ({ n: ++builds }));
    expect(builds).toBe(0);
    const first = value();
    expect([first, value(), builds]).toEqual([{ n: 1 }, { n: 1 }, 1]);
    expect(value()).toBe(first);
  });

  it('keeps a built undefined or null without building again', () => {
    let builds = 0;
    const nothing = once(() => {
      builds++;
      return undefined;
    });
    nothing();
    nothing();
    expect(builds).toBe(1);
  });

  it('builds again after a build that threw', () => {
    let builds = 0;
    const flaky = once(() => {
      if (++builds === 1) throw new Error('first build failed');
      return builds;
    });
    expect(() => flaky()).toThrow('first build failed');
    expect(flaky()).toBe(2);
  });

  it('per key: builds each key\'s value on its first use, then keeps it', () => {
    const builds: string[] = [];
    const byKey = oncePer((key: string) => {
      builds.push(key);
      return { key };
    });
    const en = byKey('en');
    expect([byKey('ru'), byKey('en'), builds]).toEqual([{ key: 'ru' }, { key: 'en' }, ['en', 'ru']]);
    expect(byKey('en')).toBe(en);
  });
});
