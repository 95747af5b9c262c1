import { describe, expect, it } from 'vitest';
import { countryName, flag } from '../../src/format/flag.js';
import { formatParams } from '../../src/format/numbers.js';

describe('countries', () => {
  it('names assigned codes and refuses unassigned, reserved and withdrawn ones', () => {
    expect(countryName('CN')).toBe('China');
    expect(countryName('KR')).toBe('South Korea');
    for (const code of ['ZZ', 'AB', 'EU', 'UN', 'UK', 'SU', 'cn', 'CHN', '']) expect(countryName(code)).toBeUndefined();
  });

  it('draws a flag from regional indicators', () => {
    expect(flag('FR')).toBe('🇫🇷');
    expect(flag('xx')).toBe('');
  });
});

describe('formatParams', () => {
  it('speaks sizes the way model names do', () => {
    expect(formatParams(685_000_000_000)).toBe('685B');
    expect(formatParams(7_615_616_512)).toBe('7.6B');
    expect(formatParams(1_000_000_000_000)).toBe('1T');
    expect(formatParams(135_000_000)).toBe('135M');
    expect(formatParams(null)).toBeUndefined();
  });
});
