import { describe, expect, it } from 'vitest';
import { parseTimeZone, reportOfWeek, zonedMoment } from '../../src/subscriptions/report-time.js';
import { UserError } from '../../src/shared/user-error.js';

describe('report time', () => {
  it('finds the week by its local Monday and the moment of its report', () => {
    // Sunday 23:30 in Tokyo is already Monday there: the week of Monday 2026-11-30.
    const tokyo = reportOfWeek(new Date('2026-11-29T15:30:00Z'), { day: 1, hour: 9, tz: 'Asia/Tokyo' });
    const utc = reportOfWeek(new Date('2026-11-29T15:30:00Z'), { day: 7, hour: 18, tz: 'UTC' });

    expect(tokyo).toEqual({ week: '2026-11-30', dueAt: new Date('2026-11-30T00:00:00Z') });
    expect(utc).toEqual({ week: '2026-11-23', dueAt: new Date('2026-11-29T18:00:00Z') });
  });

  it('keeps the local hour across a change of clocks', () => {
    const beforeFallBack = reportOfWeek(new Date('2026-10-27T12:00:00Z'), { day: 2, hour: 9, tz: 'America/New_York' });
    const afterFallBack = reportOfWeek(new Date('2026-11-03T12:00:00Z'), { day: 2, hour: 9, tz: 'America/New_York' });

    expect(beforeFallBack.dueAt).toEqual(new Date('2026-10-27T13:00:00Z'));
    expect(afterFallBack.dueAt).toEqual(new Date('2026-11-03T14:00:00Z'));
  });

  it('moves an hour the clocks skip to the hour after, and takes an hour they repeat once', () => {
    // Paris skips 02:00-03:00 on 2026-03-29 and repeats 02:00-03:00 on 2026-10-25.
    expect(zonedMoment(2026, 3, 29, 2, 'Europe/Paris')).toEqual(new Date('2026-03-29T01:00:00Z'));
    expect(zonedMoment(2026, 10, 25, 2, 'Europe/Paris')).toEqual(new Date('2026-10-25T01:00:00Z'));
  });

  it('accepts IANA zones in any case and refuses anything else with a clear message', () => {
    expect(parseTimeZone('europe/paris')).toBe('Europe/Paris');
    expect(parseTimeZone('UTC')).toBe('UTC');
    for (const bad of ['Mars/Olympus', '+02:00', '', 'GMT+25']) expect(() => parseTimeZone(bad)).toThrow(UserError);
    expect(() => parseTimeZone('Mars/Olympus')).toThrow('"Mars/Olympus" is not a time zone');
  });
});
