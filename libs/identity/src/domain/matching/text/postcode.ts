/**
 * UK postcodes: `N17 6AB` = outward code `N17` (area + district) and inward code `6AB`
 * (sector digit + unit). Comparing at full, sector (`N17 6`) and outward (`N17`) level lets a
 * move within the same streets still count as evidence, and a one-letter typo in the unit
 * still meets at sector level.
 */
export interface PostcodeParts {
  /** Canonical form with one space (`N17 6AB`), or the compacted text when not a UK postcode. */
  readonly full: string;
  readonly sector?: string;
  readonly outward?: string;
}

const UK_POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9])([A-Z]{2})$/;

/**
 * Normalises case and spacing. Non-UK values (e.g. 4-digit Australian postcodes in the FEBRL
 * benchmark) are kept whole so they can still agree in full, but have no sector or outward code.
 */
export function parsePostcode(raw: string | undefined): PostcodeParts | undefined {
  if (raw === undefined) return undefined;
  const compact = raw.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (compact === '') return undefined;
  const match = UK_POSTCODE.exec(compact);
  if (match === null) return { full: compact };
  const [, outward = '', sectorDigit = '', unit = ''] = match;
  return { full: `${outward} ${sectorDigit}${unit}`, sector: `${outward} ${sectorDigit}`, outward };
}
