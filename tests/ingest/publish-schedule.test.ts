import { describe, expect, it } from 'vitest';
import { atExpression, publishScheduleName, publishTime } from '../../functions/ingest/publish-schedule.ts';

const at = (iso: string) => new Date(iso);

describe('when the publish an ingest run asks for runs', () => {
  it('without a window: the delay after now', () => {
    expect(publishTime(at('2026-12-06T10:03:20.400Z'), 120, 0).toISOString()).toBe('2026-12-06T10:05:20.400Z');
  });

  it('with a window: the end of the window that now + delay falls in, on UTC multiples of the window', () => {
    expect(publishTime(at('2026-12-06T10:03:00Z'), 120, 30).toISOString()).toBe('2026-12-06T10:30:00.000Z');
    expect(publishTime(at('2026-12-06T10:27:59Z'), 120, 30).toISOString()).toBe('2026-12-06T10:30:00.000Z');
    // The delay still holds: less than 120 s before the window ends, the next window's end.
    expect(publishTime(at('2026-12-06T10:28:01Z'), 120, 30).toISOString()).toBe('2026-12-06T11:00:00.000Z');
    expect(publishTime(at('2026-12-06T10:28:00Z'), 120, 30).toISOString()).toBe('2026-12-06T10:30:00.000Z');
    expect(publishTime(at('2026-12-06T23:50:00Z'), 0, 60).toISOString()).toBe('2026-12-07T00:00:00.000Z');
  });

  it('never less than a minute ahead, so that the time has not passed when Scheduler reads it', () => {
    expect(publishTime(at('2026-12-06T10:03:20.400Z'), 0, 0).toISOString()).toBe('2026-12-06T10:04:20.400Z');
    expect(publishTime(at('2026-12-06T10:29:30Z'), 0, 30).toISOString()).toBe('2026-12-06T11:00:00.000Z');
  });

  it('runs of one window get one name (Scheduler refuses the second as a conflict); without a window, each run its own', () => {
    const first = publishTime(at('2026-12-06T10:01:00Z'), 120, 30);
    const last = publishTime(at('2026-12-06T10:21:00Z'), 120, 30);
    expect(publishScheduleName('run-a', first, 30)).toBe('publish-2026-12-06T10-30');
    expect(publishScheduleName('run-b', last, 30)).toBe('publish-2026-12-06T10-30');
    expect(publishScheduleName('run-a', first, 0)).toBe('publish-run-a');
    // Scheduler names: letters, digits, '.', '-', '_', at most 64 characters.
    expect(publishScheduleName('run-a', first, 30)).toMatch(/^[0-9a-zA-Z._-]{1,64}$/);
  });

  it('at() is in whole seconds, rounded up so that it never lies in the past', () => {
    expect(atExpression(at('2026-12-06T10:30:00.000Z'))).toBe('at(2026-12-06T10:30:00)');
    expect(atExpression(at('2026-12-06T10:05:20.400Z'))).toBe('at(2026-12-06T10:05:21)');
  });
});
