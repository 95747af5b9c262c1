import { describe, expect, it } from 'vitest';
import { backoffMs } from '../../src/delivery/backoff.js';
import { dueAt } from '../../src/delivery/due-at.js';
import { matches, type SubscriptionFilter } from '../../src/delivery/matches.js';

const everything: SubscriptionFilter = {
  labIds: null,
  countries: null,
  tasks: null,
  minParamsB: null,
  variants: false,
};
const release = { labId: 1, country: 'CN', tasks: ['text-generation'], maxParams: 8e9, variantOnly: false };

describe('matches', () => {
  it('takes everything with no filters but variant-only releases', () => {
    expect(matches(everything, release)).toBe(true);
    expect(matches(everything, { ...release, variantOnly: true })).toBe(false);
    expect(matches({ ...everything, variants: true }, { ...release, variantOnly: true })).toBe(true);
  });

  it('applies lab, country, task and size filters', () => {
    expect(matches({ ...everything, labIds: [2] }, release)).toBe(false);
    expect(matches({ ...everything, countries: ['US', 'CN'] }, release)).toBe(true);
    expect(matches({ ...everything, countries: ['US'] }, release)).toBe(false);
    expect(matches({ ...everything, tasks: ['text-to-image'] }, release)).toBe(false);
    expect(matches({ ...everything, minParamsB: 7 }, release)).toBe(true);
    expect(matches({ ...everything, minParamsB: 70 }, release)).toBe(false);
  });

  it('lets a release of unknown size through a size filter', () => {
    expect(matches({ ...everything, minParamsB: 70 }, { ...release, maxParams: undefined })).toBe(true);
  });
});

describe('dueAt', () => {
  const now = new Date('2026-11-25T10:30:00Z'); // a Wednesday

  it('is now for instant and the next 09:00 UTC for a daily digest', () => {
    expect(dueAt('instant', now)).toEqual(now);
    expect(dueAt('daily', now).toISOString()).toBe('2026-11-26T09:00:00.000Z');
    expect(dueAt('daily', new Date('2026-11-25T08:00:00Z')).toISOString()).toBe('2026-11-25T09:00:00.000Z');
  });

  it('is the next Monday 09:00 UTC for a weekly digest', () => {
    expect(dueAt('weekly', now).toISOString()).toBe('2026-11-30T09:00:00.000Z');
    expect(dueAt('weekly', new Date('2026-11-30T09:00:00Z')).toISOString()).toBe('2026-12-07T09:00:00.000Z');
  });
});

describe('backoffMs', () => {
  it('doubles from 30 s with jitter and caps at an hour', () => {
    expect(backoffMs(1, () => 0.5)).toBe(30_000);
    expect(backoffMs(3, () => 0.5)).toBe(120_000);
    expect(backoffMs(30, () => 0.5)).toBe(3_600_000);
    expect(backoffMs(1, () => 0)).toBe(24_000);
  });
});
