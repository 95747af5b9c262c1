/** The flag emoji of an ISO 3166-1 alpha-2 code (regional indicator symbols); empty for anything else. */
export function flag(country: string): string {
  if (!/^[A-Z]{2}$/.test(country)) return '';
  return String.fromCodePoint(...[...country].map((c) => 0x1f1e6 + c.charCodeAt(0) - 65));
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

// Codes ICU can name that are not current ISO 3166-1 countries: reserved, transitional, withdrawn, groupings.
const NOT_COUNTRIES = new Set(
  'AC AN BU CP CQ CS DD DG DY EA EU EZ FX HV IC NH QO RH SU TA TP UK UN VD XA XB YD YU ZR'.split(' '),
);

/** The English name of an ISO 3166-1 alpha-2 code (Kosovo's XK included), or undefined for anything else. */
export function countryName(code: string): string | undefined {
  if (!/^[A-Z]{2}$/.test(code) || NOT_COUNTRIES.has(code)) return undefined;
  try {
    const name = regionNames.of(code);
    return name && name !== code && name !== 'Unknown Region' ? name : undefined;
  } catch {
    return undefined;
  }
}
