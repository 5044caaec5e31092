/**
 * What a reader who is not on a case's panel gets to see of it: exactly the fields disclosed to
 * their agency, plus the case id they asked for. Everything else is left out, not blanked, so
 * that the shape of the answer says nothing about what was withheld.
 */
import {
  CASE_FIELDS,
  MARAC_RESTRICTED_PERSON_FIELDS,
  PERSON_FIELDS,
  type CaseField,
  type DisclosableField,
  type PersonField,
} from './disclosable-fields';

export function disclosedCaseView(
  view: Readonly<Record<string, unknown>>,
  open: ReadonlySet<DisclosableField>,
): Record<string, unknown> {
  const shown: Record<string, unknown> = { caseId: view.caseId };
  for (const field of CASE_FIELDS as readonly CaseField[]) {
    if (!open.has(field) || !Object.hasOwn(view, field)) continue;
    shown[field] = field === 'details' ? withoutOtherPeople(view[field]) : view[field];
  }
  return shown;
}

/** Panel details that name another person: a MARAC case's perpetrator. */
const PEOPLE_NAMED_IN_DETAILS = ['perpetratorPersonId'] as const;

/**
 * A case's panel details, less whom the case names besides its subject. Disclosing a MARAC case's
 * details shares the risk picture, never who the perpetrator is: with his id a recipient on a panel
 * that holds him could tie his record to his role, which every other route keeps from them.
 */
function withoutOtherPeople(details: unknown): unknown {
  if (typeof details !== 'object' || details === null) return details;
  const kept: Record<string, unknown> = { ...(details as Record<string, unknown>) };
  for (const field of PEOPLE_NAMED_IN_DETAILS) delete kept[field];
  return kept;
}

/**
 * A MARAC victim's whereabouts are for MARAC members: anyone else gets the person's details
 * without address and postcode, unless those very fields were disclosed to their agency.
 */
export function withoutMaracRestricted<T extends Readonly<Record<string, unknown>>>(
  details: T,
  opened: ReadonlySet<string>,
): Partial<T> {
  const kept: Partial<T> = { ...details };
  for (const field of MARAC_RESTRICTED_PERSON_FIELDS) {
    if (!opened.has(field)) delete kept[field as keyof T];
  }
  return kept;
}

/** A person's details reduced to the disclosed person fields (`name` covers forenames and surname). */
export function disclosedPersonDetails(
  details: Readonly<Record<string, unknown>>,
  open: ReadonlySet<DisclosableField>,
): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const field of PERSON_FIELDS as readonly PersonField[]) {
    if (!open.has(field)) continue;
    if (field === 'name') {
      shown.forenames = details.forenames;
      shown.surname = details.surname;
    } else if (details[field] !== undefined) {
      shown[field] = details[field];
    }
  }
  return shown;
}
