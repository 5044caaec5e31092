import { randomUUID } from 'node:crypto';
import type { CommandContext } from '../../../../command-handling/src/command-context';
import { handleCommand } from '../../../../command-handling/src/handle-command';
import { identityStream } from '../../../../identity/src/domain/person-links';
import type { EventStore } from '../../../../event-store/src/port/event-store';
import type { PersonEvent } from '../../domain/events/person-events';
import { personDecider } from '../../domain';
import { evolveAll } from '../../../../command-handling/src/decider';
import { personStream } from '../../domain/stream-names';
import type { CasesOfPerson } from './case-homes';
import { perpetratorCouldBeVictim } from '../perpetrator-as-victim';
import { MergedPeople } from './merged-people';
import { claimPersonKey, identifiersConflict, keyHolder, personKeys, type PersonKey } from './person-keys';
import type {
  CaseNaming,
  PersonResolution,
  PersonResolver,
  ReferredPerson,
  ResolutionOptions,
} from './person-resolver';
import { toPersonDetails, toReferredPerson } from './person-details';
import { changeStillUnderway, changeUnderwayIn, NAMING_ATTEMPTS, recordNamingBegun } from './case-naming';
import { CHANGE_UNDERWAY_WAIT_MS } from './identity-streams';
import { stepContext } from './resolution-ids';

/**
 * Resolves a referred person by claiming keys in the log: one `personkey-<hash>` stream per
 * valid identifier and per normalised name + date of birth, whose first event names the person.
 * The store's no-stream guard makes two concurrent referrals of the same new person agree on one
 * person id. A key held by a person whose identifiers conflict with the referral's is ignored:
 * two different valid PNCs are two different people, whatever the names say.
 *
 * It never merges anyone: it proposes no reviews (only the matching resolver's review band does),
 * and a key claim names one person for ever. Merges can still be in the log, confirmed on proposals
 * the matching resolver made (another process, or an earlier run on the same data), so
 * `idsStandingFor` follows them from the log rather than answering with the id alone.
 */
export class DeterministicPersonResolver implements PersonResolver {
  private readonly merged: MergedPeople;

  constructor(private readonly store: EventStore) {
    this.merged = new MergedPeople(store);
  }

  idsStandingFor(personId: string): Promise<readonly string[]> {
    return this.merged.idsStandingFor(personId);
  }

  casesOf(personId: string): Promise<CasesOfPerson> {
    return this.merged.casesOf(personId);
  }

  /** With no matcher of its own, the built-in model's answer: what the matching resolver would do by default. */
  perpetratorCouldBeVictim(victim: ReferredPerson, perpetrator: ReferredPerson): boolean {
    return perpetratorCouldBeVictim(victim, perpetrator);
  }

  /**
   * As the matching resolver does, reading her stream instead of a log it follows: a change begun
   * there is waited for (never taken over), and the two are judged after the stream was read.
   */
  async beginCaseNaming(naming: CaseNaming, context: CommandContext): Promise<'begun' | 'one-person'> {
    for (let attempt = 0; attempt < NAMING_ATTEMPTS; attempt++) {
      const [victim = naming.victimId] = await this.idsStandingFor(naming.victimId);
      const events = await this.store.readStream(identityStream(victim));
      if ((await changeUnderwayIn(this.store, events)) !== undefined) {
        await new Promise((resolve) => setTimeout(resolve, CHANGE_UNDERWAY_WAIT_MS));
        continue;
      }
      const [now = victim] = await this.idsStandingFor(naming.victimId);
      const [him = naming.perpetratorId] = await this.idsStandingFor(naming.perpetratorId);
      if (now === him) return 'one-person';
      if (now !== victim) continue;
      const step = stepContext(context, 'case-naming');
      const revision = events[events.length - 1]?.revision ?? -1n;
      if ((await recordNamingBegun(this.store, victim, naming, step, revision)) !== undefined) return 'begun';
    }
    throw changeStillUnderway(undefined, Date.now());
  }

  lookup(person: ReferredPerson): Promise<string | undefined> {
    return this.findExisting(person, personKeys(person));
  }

  async resolve(
    person: ReferredPerson,
    context: CommandContext,
    { keptApartFrom }: ResolutionOptions = {},
  ): Promise<PersonResolution> {
    // A key held by the victim a perpetrator is kept apart from is hers, not a match: left unclaimed.
    const apart = keptApartFrom === undefined ? [] : await this.idsStandingFor(keptApartFrom);
    const keys = await this.keysNotHeldBy(personKeys(person), apart);
    for (let attempt = 0; attempt < 5; attempt++) {
      const existing = await this.findExisting(person, keys);
      if (existing !== undefined) {
        await this.claimFreeKeys(keys, existing, context);
        return { personId: existing, registered: false };
      }
      const personId = randomUUID();
      const firstKey = keys[0] as PersonKey;
      if (!(await this.claim(firstKey, personId, context))) continue; // someone registered them first: look again
      const result = await handleCommand(
        this.store,
        personStream(personId),
        personDecider,
        {
          type: 'register-person',
          data: { personId, details: toPersonDetails(person), occurredAt: context.occurredAt },
        },
        context,
      );
      await this.claimFreeKeys(keys.slice(1), personId, context);
      return {
        personId,
        registered: true,
        recordId: personId,
        ...(result.position === undefined ? {} : { position: result.position }),
      };
    }
    throw new Error('could not resolve the person: their keys kept changing under us');
  }

  private async keysNotHeldBy(keys: readonly PersonKey[], people: readonly string[]): Promise<PersonKey[]> {
    if (people.length === 0) return [...keys];
    const holders = await Promise.all(keys.map((key) => keyHolder(this.store, key)));
    return keys.filter((_, index) => {
      const holder = holders[index];
      return holder === undefined || !people.includes(holder);
    });
  }

  private async findExisting(person: ReferredPerson, keys: readonly PersonKey[]): Promise<string | undefined> {
    for (const key of keys) {
      // The latest claim: an abandoned one may have been taken over by the matching resolver. This
      // resolver applies no takeover rule of its own (claim-takeover.ts): a claim names one person
      // for ever, so it neither waits on a claim whose person is unregistered nor sets one aside.
      const personId = await keyHolder(this.store, key);
      if (personId === undefined) continue;
      if (!(await this.conflictsWith(person, personId))) return personId;
    }
    return undefined;
  }

  private async conflictsWith(person: ReferredPerson, personId: string): Promise<boolean> {
    const events = await this.store.readStream(personStream(personId));
    const state = evolveAll(personDecider, events as unknown as PersonEvent[]);
    return state.exists && identifiersConflict(person, toReferredPerson(state.details));
  }

  private async claimFreeKeys(keys: readonly PersonKey[], personId: string, context: CommandContext): Promise<void> {
    for (const key of keys) await this.claim(key, personId, context);
  }

  private claim(key: PersonKey, personId: string, context: CommandContext): Promise<boolean> {
    return claimPersonKey(this.store, key, personId, context);
  }
}
