/**
 * One colour per country, the same in every chart: the countries most tracked labs come from have
 * their own; any other code gets one of the spare colours, picked by the code itself (never by order).
 */
const FIXED: Readonly<Record<string, string>> = {
  CN: '#d1453b',
  US: '#2f6fde',
  FR: '#7e57c2',
  GB: '#00897b',
  DE: '#f0a202',
  KR: '#43a047',
  JP: '#e26fae',
  CA: '#8d6e63',
  IL: '#29b6f6',
  AE: '#9e9d24',
  IN: '#ef7d22',
  SG: '#5c6bc0',
  CH: '#c2185b',
  TW: '#26a69a',
};

const SPARE = ['#6d4c41', '#00acc1', '#7cb342', '#8e24aa', '#f4511e', '#3949ab', '#c0ca33', '#d81b60'];

/** Everything that is not one country: "other countries", an unknown origin. */
export const OTHER_COLOR = '#9e9e9e';

export function countryColor(code: string): string {
  const fixed = FIXED[code];
  if (fixed) return fixed;
  if (!/^[A-Z]{2}$/.test(code)) return OTHER_COLOR;
  return SPARE[(code.charCodeAt(0) * 26 + code.charCodeAt(1)) % SPARE.length]!;
}

/** For series that are not countries: a steady order of colours that reads apart. */
export const SERIES_COLORS = ['#2f6fde', '#f0a202', '#43a047', '#d1453b', '#7e57c2', '#00897b', '#e26fae', '#8d6e63'];
