/**
 * UK postcodes: `N17 6AB` = outward code `N17` (area + district) and inward code `6AB`
 * (sector digit + unit). Comparing at full, sector (`N17 6`) and outward (`N17`) level lets a
 * move within the same streets still count as evidence, and a one-letter typo in the unit
 * still meets at sector level.
 */
export interface PostcodeParts {
  /**
   * Canonical form with one space (`N17 6AB`), or the compacted text when not a UK postcode.
   * Absent when only a district (`N17`) or sector (`N17 6`) was given: tens of thousands of
   * people share one, so two of them must never agree as a whole postcode.
   */
  readonly full?: string;
  readonly sector?: string;
  readonly outward?: string;
}

const UK_POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9])([A-Z]{2})$/;
const OUTWARD_CODE = /^[A-Z]{1,2}[0-9][A-Z0-9]?$/;
/** A sector without its unit: the space tells `N1 7` (sector) from `N17` (district). */
const SECTOR = /^([A-Z]{1,2}[0-9][A-Z0-9]?) ([0-9])$/;
const BFPO = /^BFPO([0-9]+)$/;
/** The NHS pseudo-postcodes (`ZZ99 3VZ` no fixed abode, `ZZ99 3CZ` England unspecified): area ZZ is no place. */
const PSEUDO_POSTCODE_AREA = 'ZZ';

/**
 * Normalises case and spacing. Non-UK values (e.g. 4-digit Australian postcodes in the FEBRL
 * benchmark) are kept whole so they can still agree in full, but have no sector or outward code.
 *
 * What referrers type when there is no postcode to give (`NFA`, `N/A`, `NONE`, `UNKNOWN`: no
 * postcode is letters only) and the NHS pseudo-postcodes are missing, so two homeless people
 * never share a "home". A BFPO number is a garrison's or a ship's, shared by hundreds: it counts
 * at most as a district.
 */
export function parsePostcode(raw: string | undefined): PostcodeParts | undefined {
  if (raw === undefined) return undefined;
  const spaced = raw
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
  const compact = spaced.replace(/ /g, '');
  if (!/[0-9]/.test(compact) || compact.startsWith(PSEUDO_POSTCODE_AREA)) return undefined;
  const bfpo = BFPO.exec(compact);
  if (bfpo !== null) return { outward: `BFPO ${bfpo[1] ?? ''}` };
  const match = UK_POSTCODE.exec(compact);
  if (match !== null) {
    const [, outward = '', sectorDigit = '', unit = ''] = match;
    return { full: `${outward} ${sectorDigit}${unit}`, sector: `${outward} ${sectorDigit}`, outward };
  }
  const sector = SECTOR.exec(spaced);
  if (sector !== null) {
    const [, outward = '', sectorDigit = ''] = sector;
    return { sector: `${outward} ${sectorDigit}`, outward };
  }
  if (OUTWARD_CODE.test(compact)) return { outward: compact };
  return { full: compact };
}
