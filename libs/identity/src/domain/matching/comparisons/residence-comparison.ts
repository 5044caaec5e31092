import type { PreparedRecord } from '../prepared-record';
import type { AddressParts } from '../text/address';
import { jaroWinkler } from '../text/jaro-winkler';
import { MISSING, RESIDENCE } from './comparison-levels';

const STREET_SIMILARITY = 0.9;

/**
 * Where a person lives, as one comparison rather than separate postcode and address
 * comparisons: the two are far from independent (same address almost implies same postcode),
 * and scoring both would count the same evidence twice.
 *
 * `same-address` needs the first lines to agree and the postcodes not to contradict them (same
 * sector, one keying error apart, or one side without postcode), since "1 High Street" exists in every town.
 */
export function residenceLevel(a: PreparedRecord, b: PreparedRecord): number {
  const postcodeA = a.postcode;
  const postcodeB = b.postcode;
  const bothPostcodes = postcodeA !== undefined && postcodeB !== undefined;
  const bothAddresses = a.address !== undefined && b.address !== undefined;
  if (!bothPostcodes && !bothAddresses) return MISSING;

  const samePostcode = bothPostcodes && postcodeA.full === postcodeB.full;
  const sameSector = bothPostcodes && postcodeA.sector !== undefined && postcodeA.sector === postcodeB.sector;
  const postcodesConsistent =
    !bothPostcodes || samePostcode || sameSector || oneKeyingErrorApart(postcodeA.full, postcodeB.full);
  if (bothAddresses && postcodesConsistent && addressesAgree(a.address, b.address)) {
    return RESIDENCE.sameAddress;
  }
  if (!bothPostcodes) return RESIDENCE.else;
  if (samePostcode) return RESIDENCE.postcode;
  if (sameSector) return RESIDENCE.sector;
  if (postcodeA.outward !== undefined && postcodeA.outward === postcodeB.outward) return RESIDENCE.outward;
  return RESIDENCE.else;
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
