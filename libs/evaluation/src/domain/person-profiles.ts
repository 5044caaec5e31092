/**
 * The demographic facts reports break figures down by, kept per person id from
 * `person-registered` and `person-details-recorded`. Only these fields are kept: names,
 * addresses and identifiers are never read into a report's memory, so they cannot leak into one.
 * Ethnicity and disability are kept as the fixed vocabulary (`equality/equality-values.ts`), never
 * as typed: free text beside an ethnicity has carried an address.
 * Details recorded later (an ethnicity given at a second referral) complete the profile, and a
 * report uses the profile as known at the end of the replay: equality monitoring wants the best
 * information held, not what the first referrer happened to know.
 *
 * Details recorded through a case onto a record its panel's referral linked to a person another
 * panel registered (`person-record-details-recorded`: a MARAC victim IOM registered first, her
 * disability given on her MARAC referral) are kept apart, by the panel of the case they were
 * recorded through: that panel's figures read them first (`recordedBy`), the registration's filling
 * what the panel did not record, and no other panel's figures read them. The panel is the source
 * case's, written by the server, never the correlation id a client may choose.
 */
import type { PersonDetails } from '../../../case-lifecycle/src/domain/events/person-events';
import { readDisability, readEthnicity, type DisabilityValue, type EthnicityReading } from './equality/equality-values';

export interface PersonProfile {
  readonly sex?: string;
  readonly dateOfBirth?: string;
  readonly ethnicity?: EthnicityReading;
  readonly disability?: DisabilityValue;
}

export class PersonProfiles {
  private readonly profiles = new Map<string, PersonProfile>();
  private readonly registeredAt = new Map<string, number>();
  private readonly panelOfCase = new Map<string, string>();
  /** Panel → person id → what was recorded through that panel's cases on the person's linked records. */
  private readonly onLinkedRecords = new Map<string, Map<string, PersonProfile>>();

  registered(personId: string, details: Partial<PersonDetails>): void {
    this.profiles.set(personId, pick({}, details));
    if (!this.registeredAt.has(personId)) this.registeredAt.set(personId, this.registeredAt.size);
  }

  detailsRecorded(personId: string, changes: Partial<PersonDetails>): void {
    this.profiles.set(personId, pick(this.profiles.get(personId) ?? {}, changes));
  }

  caseReferred(caseId: string, panelCode: string): void {
    this.panelOfCase.set(caseId, panelCode);
  }

  /**
   * Details recorded on a record linked to `personId` through the case `source`. Without a known
   * source case no panel can be named as having recorded them, so they are left out.
   */
  recordDetailsRecorded(personId: string, source: string | undefined, changes: Partial<PersonDetails>): void {
    const panel = source === undefined ? undefined : this.panelOfCase.get(source);
    if (panel === undefined) return;
    const byPerson = this.onLinkedRecords.get(panel) ?? new Map<string, PersonProfile>();
    this.onLinkedRecords.set(panel, byPerson);
    byPerson.set(personId, pick(byPerson.get(personId) ?? {}, changes));
  }

  get(personId: string): PersonProfile {
    return this.profiles.get(personId) ?? {};
  }

  /** The profile as `panel` holds it: what its cases recorded on a linked record first, then the registration's. */
  recordedBy(panel: string, personId: string): PersonProfile {
    return { ...this.get(personId), ...this.onLinkedRecords.get(panel)?.get(personId) };
  }

  /**
   * One person's profile from every id the log knows them under (`PeopleNow.idsOf`), a field
   * missing under one id filled from the others. On conflict the person's current id wins: it is
   * the survivor of any merge, the record the person index shows, and reviewers confirmed the
   * match keeping it. The other ids follow in registration order, the order the identity context
   * itself picks survivors by (earliest registered survives), so the outcome does not depend on
   * the order decisions happened to be recorded in.
   */
  asOne(ids: readonly string[]): PersonProfile {
    const [current, ...others] = ids;
    const at = (id: string): number => this.registeredAt.get(id) ?? Number.MAX_SAFE_INTEGER;
    const ordered = [...others].sort((a, b) => at(a) - at(b));
    let profile: PersonProfile = {};
    for (const id of current === undefined ? ordered : [current, ...ordered]) profile = { ...this.get(id), ...profile };
    return profile;
  }
}

function pick(base: PersonProfile, details: Partial<PersonDetails>): PersonProfile {
  const next: { -readonly [K in keyof PersonProfile]: PersonProfile[K] } = { ...base };
  if (typeof details.sex === 'string') next.sex = details.sex;
  if (typeof details.dateOfBirth === 'string') next.dateOfBirth = details.dateOfBirth;
  if (typeof details.ethnicity === 'string') next.ethnicity = readEthnicity(details.ethnicity);
  if (typeof details.disability === 'string') next.disability = readDisability(details.disability);
  return next;
}
