import type { IndexedPerson } from '../../../identity/src/application/person-index.query';

/**
 * When the panel a disclosure about a person alone acts for first held the person: the earliest
 * referral of its cases about them or naming them. Dated earlier, the register and the recipient's
 * view would say the panel gave out what it did not yet hold. The same for every field it names,
 * so naming one more field never lifts the bound (as taking the records behind the fields did),
 * and a field with no value is bounded too. Null when the index lists no such case.
 */
export function panelFirstHeld(person: IndexedPerson, panel: string): string | null {
  let earliest: string | null = null;
  for (const held of [...person.cases, ...person.namedOn]) {
    if (held.panel !== panel) continue;
    if (earliest === null || Date.parse(held.referredAt) < Date.parse(earliest)) earliest = held.referredAt;
  }
  return earliest;
}
