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
 * `same-address` needs the first lines to agree and the postcodes not to contradict them (a
 * typo in the unit, or one side without postcode), since "1 High Street" exists in every town.
 */
export function residenceLevel(a: PreparedRecord, b: PreparedRecord): number {
  const postcodeA = a.postcode;
  const postcodeB = b.postcode;
  const bothPostcodes = postcodeA !== undefined && postcodeB !== undefined;
  const bothAddresses = a.address !== undefined && b.address !== undefined;
  if (!bothPostcodes && !bothAddresses) return MISSING;

  const samePostcode = bothPostcodes && postcodeA.full === postcodeB.full;
  const sameSector = bothPostcodes && postcodeA.sector !== undefined && postcodeA.sector === postcodeB.sector;
  if (bothAddresses && addressesAgree(a.address, b.address) && (!bothPostcodes || samePostcode || sameSector)) {
    return RESIDENCE.sameAddress;
  }
  if (!bothPostcodes) return RESIDENCE.else;
  if (samePostcode) return RESIDENCE.postcode;
  if (sameSector) return RESIDENCE.sector;
  if (postcodeA.outward !== undefined && postcodeA.outward === postcodeB.outward) return RESIDENCE.outward;
  return RESIDENCE.else;
}

/** Same house/flat numbers and nearly the same street words, or the same text outright. */
export function addressesAgree(a: AddressParts, b: AddressParts): boolean {
  if (a.text === b.text) return true;
  if (a.numbers !== b.numbers || a.street === '' || b.street === '') return false;
  return jaroWinkler(a.street, b.street) >= STREET_SIMILARITY;
}
