import { WITHHELD } from './third-party';

/** Where a record's event gives an address and postcode: its details, or new details on it. */
const DETAILS_KEYS = ['details', 'changes'];
/** How a record compared with the person's other records: measured on the address too. */
const MEASURES = ['levels', 'score'];

/**
 * An event about a record with the record's whereabouts withheld pending review: the address and
 * postcode it gives, and the match levels and score measured on them. Names, dates and
 * identifiers stay. The relative paths into the data say what was withheld; a field withheld
 * already (by another rule) is not listed twice.
 */
export function residenceWithheld(data: unknown): { data: unknown; paths: string[] } {
  const paths: string[] = [];
  const copy = { ...(data as Record<string, unknown>) };
  for (const at of DETAILS_KEYS) {
    const details = copy[at];
    if (typeof details !== 'object' || details === null) continue;
    const shown = { ...(details as Record<string, unknown>) };
    for (const key of ['address', 'postcode'])
      if (shown[key] !== undefined && shown[key] !== WITHHELD) {
        shown[key] = WITHHELD;
        paths.push(`.${at}.${key}`);
      }
    copy[at] = shown;
  }
  for (const key of MEASURES)
    if (copy[key] !== undefined && copy[key] !== WITHHELD) {
      copy[key] = WITHHELD;
      paths.push(`.${key}`);
    }
  return { data: copy, paths };
}
