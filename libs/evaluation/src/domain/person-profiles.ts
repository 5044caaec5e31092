/**
 * The demographic facts reports break figures down by, kept per person id from
 * `person-registered` and `person-details-recorded`. Only these fields are kept: names,
 * addresses and identifiers are never read into a report's memory, so they cannot leak into one.
 * Ethnicity and disability are kept as the fixed vocabulary (`equality/equality-values.ts`), never
 * as typed: free text beside an ethnicity has carried an address.
 * Details recorded later (an ethnicity given at a second referral) complete the profile, and a
 * report uses the profile as known at the end of the replay: equality monitoring wants the best
 * information held, not what the first referrer happened to know.
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

  registered(personId: string, details: Partial<PersonDetails>): void {
    this.profiles.set(personId, pick({}, details));
    if (!this.registeredAt.has(personId)) this.registeredAt.set(personId, this.registeredAt.size);
  }

  detailsRecorded(personId: string, changes: Partial<PersonDetails>): void {
    this.profiles.set(personId, pick(this.profiles.get(personId) ?? {}, changes));
  }

  get(personId: string): PersonProfile {
    return this.profiles.get(personId) ?? {};
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
