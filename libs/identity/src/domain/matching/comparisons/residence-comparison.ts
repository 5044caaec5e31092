import type { PreparedRecord } from '../prepared-record';
import type { AddressParts } from '../text/address';
import { jaroWinkler } from '../text/jaro-winkler';
import type { PostcodeParts } from '../text/postcode';
import { MISSING, RESIDENCE } from './comparison-levels';

const STREET_SIMILARITY = 0.9;

/**
 * Where a person lives, as one comparison rather than separate postcode and address
 * comparisons: the two are far from independent (same address almost implies same postcode),
 * and scoring both would count the same evidence twice.
 *
 * `same-address` needs the first lines to agree and both records to give postcodes that do not
 * contradict them (same sector, one keying error apart, or a district or sector that holds the
 * other), since "1 High Street" exists in every town. Without a postcode on both sides, agreeing
 * first lines name a street somewhere, and no first line is specific enough on its own: the
 * record holds no town, and "Flat 2, 17 Park Lane" recurs as "1 High Street" does. They count
 * as missing, neither for nor against (the model has no level for "this street, some town";
 * on the synthetic set scoring them as a shared district linked two more twins).
 */
export function residenceLevel(a: PreparedRecord, b: PreparedRecord): number {
  const postcodeA = a.postcode;
  const postcodeB = b.postcode;
  const bothPostcodes = postcodeA !== undefined && postcodeB !== undefined;
  const bothAddresses = a.address !== undefined && b.address !== undefined;
  if (!bothPostcodes && !bothAddresses) return MISSING;
  const sameFirstLine = bothAddresses && addressesAgree(a.address, b.address);
  if (!bothPostcodes) return sameFirstLine ? MISSING : RESIDENCE.else;
  if (sameFirstLine && postcodesConsistent(postcodeA, postcodeB)) return RESIDENCE.sameAddress;
  return postcodeLevel(postcodeA, postcodeB);
}

/** The finest part both postcodes give that agrees: a district alone (`N17`) never agrees as a whole postcode. */
function postcodeLevel(a: PostcodeParts, b: PostcodeParts): number {
  if (a.full !== undefined && a.full === b.full) return RESIDENCE.postcode;
  if (a.sector !== undefined && a.sector === b.sector) return RESIDENCE.sector;
  if (a.outward !== undefined && a.outward === b.outward) return RESIDENCE.outward;
  return RESIDENCE.else;
}

/** Whether two postcodes can be one home's: the same, a keying error apart, or one only a part of the other. */
function postcodesConsistent(a: PostcodeParts, b: PostcodeParts): boolean {
  if (a.full !== undefined && b.full !== undefined) {
    return (
      a.full === b.full || (a.sector !== undefined && a.sector === b.sector) || oneKeyingErrorApart(a.full, b.full)
    );
  }
  const sectorsAgree = a.sector === undefined || b.sector === undefined || a.sector === b.sector;
  return a.outward !== undefined && a.outward === b.outward && sectorsAgree;
}

/** One character substituted or two neighbours transposed: a keying error, not a different place. */
function oneKeyingErrorApart(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let first = -1;
  let differences = 0;
  for (let i = 0; i < a.length; i++) {
    if (a.charCodeAt(i) === b.charCodeAt(i)) continue;
    if (++differences > 2) return false;
    if (first < 0) first = i;
  }
  if (differences <= 1) return true;
  return a.charAt(first) === b.charAt(first + 1) && a.charAt(first + 1) === b.charAt(first);
}

/** Same house/flat numbers and nearly the same street words, or the same text outright. */
export function addressesAgree(a: AddressParts, b: AddressParts): boolean {
  if (a.text === b.text) return true;
  if (a.numbers !== b.numbers || a.street === '' || b.street === '') return false;
  return jaroWinkler(a.street, b.street) >= STREET_SIMILARITY;
}
