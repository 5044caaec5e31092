import type { CommandContext } from '../../../../command-handling/src/command-context';
import { handleCommand } from '../../../../command-handling/src/handle-command';
import type { RecordedEvent } from '../../../../event-store/src/port/event-envelope';
import { WrongExpectedRevisionError } from '../../../../event-store/src/port/errors';
import type { EventStore } from '../../../../event-store/src/port/event-store';
import {
  BUILT_IN_MATCHING_MODEL,
  type ConfiguredMatchingModel,
} from '../../../../identity/src/config/configured-matching-model';
import {
  PersonMatcher,
  reviewProposals,
  weighKeptApart,
  withoutPeople,
  type MatchResult,
  type MatchingModel,
  type PersonRecord,
  type PersonCandidate,
  type ProposalFacts,
} from '../../../../identity/src/domain/matching';
import type { IdentifierKind } from '../../../../identity/src/domain/identifiers';
import {
  conflictingIdentifierKinds,
  identityStream,
  matchProposalDecider,
  matchStream,
  namingKeepingApart,
  personLinksDecider,
  PersonGraph,
  sharedIdentifierKinds,
  toPersonRecord,
  type DecidingModel,
  type MatchEvent,
  type PersonLinkEvent,
} from '../../../../identity/src/domain/person-links';
import { applyPersonChanges, personDecider } from '../../domain';
import type { PersonDetails, PersonEvent, PersonIdentifiers, RecordedChanges } from '../../domain/events/person-events';
import { personIdFromStream, personStream } from '../../domain/stream-names';
import { perpetratorCouldBeVictim } from '../perpetrator-as-victim';
import { LogTail, type LogTailProgress } from './log-tail';
import { CaseHomes, type CasesOfPerson } from './case-homes';
import { idsStandingFor } from './merged-people';
import type { IdentifierCorrections, PerpetratorRecords } from './identifier-corrections';
import { CorrectedValues } from './corrected-values';
import type { CorrectedAway, IdentifiersCorrectedAway } from './identifiers-corrected-away';
import { toPersonDetails } from './person-details';
import { keyHeldInFlight, ResolutionClock } from './abandoned-claims';
import {
  ABANDONED_CHANGE_AFTER_MS,
  CHANGE_UNDERWAY_WAIT_MS,
  IdentityStreams,
  type ChangeUnderway,
} from './identity-streams';
import { withdrawChange } from '../../../../identity/src/application/recorded-in-two-steps';
import { claimAwaitingRegistration, msUntilTakeover } from './claim-takeover';
import { claimPersonKey, keyClaim, personKeys, type KeyClaim, type PersonKey } from './person-keys';
import type {
  CaseNaming,
  PersonResolution,
  PersonResolver,
  ReferredPerson,
  ResolutionOptions,
} from './person-resolver';
import { recordsNamedBy } from './records-named';
import { REGISTRATION_SET_ASIDE, setAsideRegistration } from './registration-set-aside';
import { resolutionIds, stepContext, type ResolutionIds } from './resolution-ids';
import { changeStillUnderway, NAMING_ATTEMPTS, recordNamingBegun } from './case-naming';
import { KeptApart } from './kept-apart';
import { PerpetratorNamings } from './perpetrator-namings';
import { proposalIdFor } from './proposal-id';
import { ProposalsOnRecord } from './proposals-on-record';

/** A key claimed by a registration still being written: wait this long before looking again. */
const IN_FLIGHT_WAIT_MS = 20;
const MAX_ATTEMPTS = 10;
/**
 * A record still not linked after this many attempts (the person kept changing under it, or a
 * restore or merge of them stayed underway) is registered and proposed beside them instead: the
 * referral is recorded either way, and a reviewer sees the pair.
 */
const LINK_ATTEMPTS = 7;

export { proposalIdFor } from './proposal-id';

/**
 * Resolves referred people through the probabilistic matcher. The matcher's index is fed from
 * the event log (registrations, details, linked records, merges and splits): read whole from
 * start-up on (`warmUp`, see matcher-warm-up.ts), then followed for writes made by any process.
 * Above the link threshold the record joins the person (`person-record-linked` with score and
 * levels), and any other person the record also reaches the review band with is proposed for
 * review against them; in the review band a new person is registered and proposed against the
 * review-band candidates; below, a new person. A
 * record linking to two people a split, a rejection or a MARAC case (about one, naming the other
 * as perpetrator) keeps apart joins neither: it is a review (`weighKeptApart`), proposed against
 * each, and such two are never proposed as one. The perpetrator a MARAC referral names is neither
 * linked to its victim nor proposed against her (`keptApartFrom`): the case saying so is written
 * after him. At most `MAX_REVIEW_PROPOSALS` (3) proposals per referral (see `reviewProposals`).
 * Key claims (`personkey-<hash>`, first writer wins) still guard against two concurrent referrals
 * of the same new person creating two people. Every link and proposal names the model that scored it
 * (`model: { id, version }`).
 */
export class MatchingPersonResolver
  implements PersonResolver, IdentifierCorrections, IdentifiersCorrectedAway, PerpetratorRecords
{
  private readonly matcher: PersonMatcher;
  private readonly model: MatchingModel;
  /** What each link and proposal records as the model that scored it; none for a bare model. */
  private readonly decidingModel: { readonly model?: DecidingModel };
  private readonly graph = new PersonGraph();
  private readonly homes = new CaseHomes();
  private readonly details = new Map<string, PersonDetails>();
  /** People whose key claim was taken over before they were registered: they never will be. */
  private readonly setAside = new Set<string>();
  /** Records a referral names (the subject's, the perpetrator's): a retry no longer takes them over. */
  private readonly named = new Set<string>();
  private readonly keptApart = new KeptApart();
  private readonly namings = new PerpetratorNamings();
  private readonly proposals = new ProposalsOnRecord();
  private readonly corrected = new CorrectedValues();
  private readonly streams = new IdentityStreams();
  private readonly log: LogTail;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: EventStore,
    private readonly clock: Pick<ResolutionClock, 'now'> = new ResolutionClock(),
    /**
     * The model as configured, with the id and version its decisions record. A bare `MatchingModel`
     * is still taken (an older caller's form) but its decisions then name no model.
     */
    model: ConfiguredMatchingModel | MatchingModel = BUILT_IN_MATCHING_MODEL,
  ) {
    this.model = 'model' in model ? model.model : model;
    this.matcher = new PersonMatcher(this.model);
    this.decidingModel = 'model' in model ? { model: { id: model.id, version: model.version } } : {};
    this.log = new LogTail(store, (event) => this.apply(event));
  }

  /**
   * Feeds the index with the whole log before a referral needs it, in turn with resolutions, which
   * otherwise read it first. `signal` stops it between pages; the next catch-up reads the rest.
   */
  warmUp(signal?: AbortSignal): Promise<void> {
    return this.exclusive(() => this.log.catchUp(signal));
  }

  /** How far the index has read the log; `caughtUp` once it has read it whole. */
  indexProgress(): LogTailProgress {
    return this.log.progress();
  }

  /** Settles once the index has first read the log whole, by `warmUp` or a resolution. */
  get indexCaughtUp(): Promise<void> {
    return this.log.caughtUp;
  }

  perpetratorCouldBeVictim(victim: ReferredPerson, perpetrator: ReferredPerson): boolean {
    return perpetratorCouldBeVictim(victim, perpetrator, this.model);
  }

  lookup(person: ReferredPerson): Promise<string | undefined> {
    return this.exclusive(async () => {
      await this.catchUp();
      const result = this.matched(toPersonRecord('lookup', toPersonDetails(person)), this.keptApartFacts());
      return result.decision === 'link' ? result.personId : undefined;
    });
  }

  resolve(person: ReferredPerson, context: CommandContext, options: ResolutionOptions = {}): Promise<PersonResolution> {
    return this.exclusive(() => this.resolveNow(person, context, options));
  }

  idsStandingFor(personId: string): Promise<readonly string[]> {
    return this.exclusive(async () => {
      await this.catchUp();
      return idsStandingFor(this.graph, personId);
    });
  }

  casesOf(personId: string): Promise<CasesOfPerson> {
    return this.exclusive(async () => {
      await this.catchUp();
      return this.homes.placing(idsStandingFor(this.graph, personId));
    });
  }

  beginCaseNaming(naming: CaseNaming, context: CommandContext): Promise<'begun' | 'one-person'> {
    return this.exclusive(async () => {
      const ids = resolutionIds(context);
      let underway: ChangeUnderway | undefined;
      for (let attempt = 0; attempt < NAMING_ATTEMPTS; attempt++) {
        await this.catchUp();
        const victim = this.graph.current(naming.victimId);
        const named = this.graph.personOfRecord(naming.namedRecordId) ?? this.graph.current(naming.perpetratorId);
        if (victim === named) return 'one-person';
        underway = this.streams.changing(victim, (id) => this.graph.current(id));
        if (underway !== undefined) {
          await this.awaitChange(underway, ids);
          continue;
        }
        // Undefined: something was recorded on her stream since it was read; look again.
        const step = stepContext(context, 'case-naming');
        const revision = this.streams.revisionOf(victim);
        if ((await recordNamingBegun(this.store, victim, naming, step, revision)) !== undefined) return 'begun';
      }
      throw changeStillUnderway(underway?.recordedAt, this.clock.now());
    });
  }

  identifierConflictsOnRecord(
    recordId: string,
    identifiers: PersonIdentifiers,
    alsoCorrected: readonly string[] = [],
  ): Promise<IdentifierKind[]> {
    return this.exclusive(async () => {
      await this.catchUp();
      const personId = this.graph.personOfRecord(recordId);
      if (personId === undefined) return [];
      const others = this.matcher
        .recordIdsOf(personId)
        .filter((id) => id !== recordId && !alsoCorrected.includes(id))
        .map((id) => this.details.get(id)?.identifiers ?? {});
      return conflictingIdentifierKinds([identifiers], others);
    });
  }

  proposeOnIdentifiersSet(recordId: string, identifiers: PersonIdentifiers, context: CommandContext) {
    return this.exclusive(async () => {
      await this.catchUp();
      const personId = this.graph.personOfRecord(recordId);
      const details = this.details.get(recordId);
      if (personId === undefined || details === undefined) return undefined;
      const holdsOne = (candidate: PersonCandidate) =>
        sharedIdentifierKinds([identifiers], this.identifiersHeldBy(candidate.personId)).length > 0;
      // Scored as the record itself, which the matcher leaves out of its own person; proposed as
      // beside a link, so a pair kept apart or in conflict on an identifier is never put to a reviewer.
      const { candidates } = this.matcher.match(toPersonRecord(recordId, details));
      return this.proposeAll(candidates.filter(holdsOne), personId, true, resolutionIds(context));
    });
  }

  identifiersCorrectedAway(person: ReferredPerson): Promise<CorrectedAway[]> {
    return this.exclusive(async () => {
      await this.catchUp();
      return this.corrected.correctedAwayFrom(toPersonDetails(person), {
        match: (record) => this.matcher.match(record),
        personOfRecord: (recordId) => this.graph.personOfRecord(recordId),
        identifiersOf: (personId) => this.identifiersHeldBy(personId),
      });
    });
  }

  perpetratorRecordsHeldWith(recordId: string) {
    return this.exclusive(async () => {
      await this.catchUp();
      const holder = this.graph.personOfRecord(recordId) ?? recordId;
      return { holder, records: this.namings.recordsHeldBy(holder, this.graph) };
    });
  }

  /** The identifiers on each record the person holds now, one entry per record. */
  private identifiersHeldBy(personId: string): PersonIdentifiers[] {
    return this.matcher.recordIdsOf(personId).map((id) => this.details.get(id)?.identifiers ?? {});
  }

  /** One resolution at a time in this process: each decides on an index that includes the last. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async resolveNow(
    person: ReferredPerson,
    context: CommandContext,
    options: ResolutionOptions,
  ): Promise<PersonResolution> {
    const details = toPersonDetails(person);
    const keys = personKeys(person);
    /** How long until the youngest claim still being waited on would be set aside, if any is. */
    let waitingOnMs: number | undefined;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      waitingOnMs = undefined;
      await this.catchUp();
      const ids = this.idsOf(context, options);
      const begun = this.begunBefore(ids);
      const finished = begun === undefined ? undefined : await this.finish(begun, details, keys, ids, options);
      if (finished !== undefined) return finished;
      const scored = this.matched(toPersonRecord(ids.recordId, details), this.proposalFacts(ids), this.apart(options));
      const result = attempt < LINK_ATTEMPTS || scored.decision !== 'link' ? scored : asReview(scored);
      const best = result.candidates[0];
      const candidates = this.proposable(result.candidates, options);
      if (result.decision === 'link' && result.personId !== undefined && best !== undefined) {
        const changing = this.streams.changing(result.personId, (id) => this.graph.current(id));
        if (changing !== undefined) {
          await this.awaitChange(changing, ids);
          continue;
        }
        const linked = await this.link(result.personId, ids.recordId, details, best, candidates, keys, ids);
        // Undefined: something was recorded on the person since it was scored; score again on what they hold now.
        if (linked !== undefined) return linked;
        continue;
      }
      const holders = await this.keyHolders(keys);
      const isRegistered = (personId: string) => this.graph.registrationOf(personId) !== undefined;
      const inFlight = holders.flatMap(({ key, claim }) =>
        claimAwaitingRegistration(claim, ids.personId, isRegistered) ? [{ key, claim }] : [],
      );
      const now = this.clock.now();
      const setAsideIn = ({ claim }: { claim: KeyClaim }) =>
        msUntilTakeover(claim, this.setAside.has(claim.personId), now);
      const running = inFlight.filter((held) => setAsideIn(held) > 0);
      if (running.length > 0) {
        // Someone is registering a person with one of these keys right now: wait and match again.
        waitingOnMs = Math.max(...running.map(setAsideIn));
        await new Promise((resolve) => setTimeout(resolve, IN_FLIGHT_WAIT_MS));
        continue;
      }
      // The claimants taken over from must never register: if one did after all, join them instead.
      if (!(await this.setAsideClaimants(inFlight, ids))) continue;
      // A retried job may hold a key already: its claim was written before the registration.
      const held = holders.some(({ claim }) => claim?.personId === ids.personId);
      const free = holders.filter(({ claim }) => claim === undefined).map(({ key }) => ({ key }));
      // Claims whose person was never registered, old enough to be abandoned: taken over like free keys.
      const unclaimed: { key: PersonKey; claim?: KeyClaim }[] = [...inFlight, ...free];
      const [guard, ...rest] = unclaimed;
      if (!held && guard !== undefined && !(await this.claim(guard.key, ids.personId, ids, guard.claim))) continue;
      const registered = await this.register(ids.personId, details, held ? unclaimed : rest, candidates, ids);
      // Undefined: a taker-over set this registration aside while it stalled; resolve again from scratch.
      if (registered !== undefined) return registered;
    }
    if (waitingOnMs !== undefined) throw keyHeldInFlight(waitingOnMs);
    throw new Error('could not resolve the person: their keys kept changing under us');
  }

  /**
   * The ids to resolve under: fresh ones when the earlier resolution under these ids brought in a
   * record a referral names, and the caller resumes only what no referral took up.
   */
  private idsOf(context: CommandContext, { resumeOnlyUnnamed }: ResolutionOptions): ResolutionIds {
    const ids = this.notSetAside(resolutionIds(context));
    const taken = ids.deterministic && (this.named.has(ids.personId) || this.named.has(ids.recordId));
    return resumeOnlyUnnamed === true && taken ? resolutionIds({ ...context, deterministicIds: false }) : ids;
  }

  /** The ids of a resolution, its person's moved on past any id a taker-over set aside. */
  private notSetAside(ids: ResolutionIds): ResolutionIds {
    let personId = ids.personId;
    while (this.setAside.has(personId)) personId = ids.personIdAfter(personId);
    return personId === ids.personId ? ids : { ...ids, personId };
  }

  /** False when one of the claimants registered after all: their claim was not abandoned. */
  private async setAsideClaimants(abandoned: readonly { claim: KeyClaim }[], ids: ResolutionIds): Promise<boolean> {
    for (const personId of new Set(abandoned.map(({ claim }) => claim.personId))) {
      if (this.setAside.has(personId)) continue;
      const outcome = await setAsideRegistration(this.store, personId, ids.step(`set-aside/${personId}`));
      if (outcome === 'registered') return false;
    }
    return true;
  }

  /**
   * What a retried job row began before it stopped: the person it registered or the person its
   * record joined. Only deterministic ids can say; a random resolution always starts afresh.
   */
  private begunBefore(ids: ResolutionIds): { registered: boolean; personId: string } | undefined {
    if (!ids.deterministic) return undefined;
    if (this.graph.registrationOf(ids.personId) !== undefined) return { registered: true, personId: ids.personId };
    const linkedTo = this.graph.personOfRecord(ids.recordId);
    return linkedTo === undefined ? undefined : { registered: false, personId: linkedTo };
  }

  /** Completes a resolution a retried row began: every step again, each recognised or written now. */
  private async finish(
    begun: { registered: boolean; personId: string },
    details: PersonDetails,
    keys: readonly PersonKey[],
    ids: ResolutionIds,
    options: ResolutionOptions,
  ): Promise<PersonResolution | undefined> {
    if (!begun.registered) {
      for (const key of keys) await this.claim(key, begun.personId, ids);
      // Matched as the linked record itself, which the matcher leaves out of its own person.
      const { candidates } = this.matcher.match(toPersonRecord(ids.recordId, details));
      const position = await this.proposeAll(this.proposable(candidates, options), begun.personId, true, ids);
      return { personId: begun.personId, registered: false, recordId: ids.recordId, ...positionOf(position) };
    }
    // Matched as the registration's own record, so the person is not a candidate for themself.
    const self = this.graph.current(begun.personId);
    const { candidates } = this.matcher.match(toPersonRecord(begun.personId, details));
    const others = this.proposable(candidates, options).filter((candidate) => candidate.personId !== self);
    return this.register(
      begun.personId,
      details,
      keys.map((key) => ({ key })),
      others,
      ids,
    );
  }

  /**
   * Registers the person, claims their free keys and proposes the review-band candidates: each
   * append in its own id space, each idempotent, so a retry writes only the steps still missing.
   * Undefined when the person's stream is not empty: a taker-over set the registration aside.
   */
  private async register(
    personId: string,
    details: PersonDetails,
    unclaimed: readonly { key: PersonKey; claim?: KeyClaim }[],
    candidates: readonly PersonCandidate[],
    ids: ResolutionIds,
  ): Promise<PersonResolution | undefined> {
    const context = ids.step('register');
    const registered = await handleCommand(
      this.store,
      personStream(personId),
      personDecider,
      { type: 'register-person', data: { personId, details, occurredAt: context.occurredAt } },
      context,
      { expectedRevision: -1n },
    ).catch((error: unknown) => {
      if (error instanceof WrongExpectedRevisionError) return undefined;
      throw error;
    });
    if (registered === undefined) return undefined;
    for (const { key, claim } of unclaimed) await this.claim(key, personId, ids, claim);
    const position = (await this.proposeAll(candidates, personId, false, ids)) ?? registered.position;
    return { personId, registered: true, recordId: personId, ...positionOf(position) };
  }

  /** Proposes each person `reviewProposals` picks against `personId`; the last position written. */
  private async proposeAll(
    candidates: readonly PersonCandidate[],
    personId: string,
    linked: boolean,
    ids: ResolutionIds,
  ): Promise<bigint | undefined> {
    let position: bigint | undefined;
    for (const candidate of reviewProposals(candidates, personId, linked, this.proposalFacts(ids))) {
      position = (await this.propose(candidate, personId, ids)) ?? position;
    }
    return position;
  }

  /**
   * The matcher's result, not linked to one of two people known to be two (`weighKeptApart`), nor
   * to anyone the caller knows the record is not (`apart`).
   */
  private matched(record: PersonRecord, facts: ProposalFacts, apart: ReadonlySet<string> = NO_ONE): MatchResult {
    return weighKeptApart(withoutPeople(this.matcher.match(record), apart), facts, this.model.linkThreshold);
  }

  /** The victim a perpetrator's record may not join (`keptApartFrom`), as she is now (after merges). */
  private apart({ keptApartFrom }: ResolutionOptions): ReadonlySet<string> {
    return keptApartFrom === undefined ? NO_ONE : new Set([this.graph.current(keptApartFrom)]);
  }

  private keptApartFacts(): ProposalFacts {
    return {
      identifiersConflict: (a, b) => this.matcher.identifiersConflict(a, b),
      rejectedBefore: (a, b) => this.keptApart.keepApart(a, b, (id) => this.graph.current(id)) || this.namedApart(a, b),
    };
  }

  /** Whether a MARAC case about one of the two (as they are now) names the other as perpetrator. */
  private namedApart(a: string, b: string): boolean {
    const [x, y] = [this.graph.current(a), this.graph.current(b)];
    if (x === y) return false;
    const about = (victim: string) =>
      this.namings.about(victim, this.homes.placing(idsStandingFor(this.graph, victim)).cases, this.graph);
    return namingKeepingApart(x, y, [...about(x), ...about(y)]) !== undefined;
  }

  /**
   * The candidates a resolution may propose its person with: not the victim whose MARAC referral
   * names the person being resolved as perpetrator (`keptApartFrom`), also when a retried
   * resolution finishes what it began.
   */
  private proposable(candidates: readonly PersonCandidate[], { keptApartFrom }: ResolutionOptions) {
    if (keptApartFrom === undefined) return candidates;
    const victim = this.graph.current(keptApartFrom);
    return candidates.filter((candidate) => this.graph.current(candidate.personId) !== victim);
  }

  private proposalFacts(ids: ResolutionIds): ProposalFacts {
    return {
      ...this.keptApartFacts(),
      alreadyProposed: (a, b) =>
        this.proposals.alreadyProposed(a, b, this.graph, (id) => this.proposing(id, ids).eventId(0)),
    };
  }

  /** The context a proposal is appended with: per pair, so a retry recognises what it wrote. */
  private proposing(proposalId: string, ids: ResolutionIds): CommandContext {
    return ids.step(`propose/${proposalId}`);
  }

  /**
   * Links the record to the person it was scored against, expecting their `identity-` stream at
   * the revision that score read: a split, a restore or merge begun or another link recorded there
   * since changed what they hold, so nothing is written (undefined) and the record is scored again.
   */
  private async link(
    personId: string,
    recordId: string,
    details: PersonDetails,
    best: PersonCandidate,
    candidates: readonly PersonCandidate[],
    keys: readonly PersonKey[],
    ids: ResolutionIds,
  ): Promise<PersonResolution | undefined> {
    const context = ids.step('link');
    const result = await handleCommand(
      this.store,
      identityStream(personId),
      personLinksDecider,
      {
        type: 'link-record',
        data: {
          personId,
          recordId,
          details,
          score: round(best.score),
          levels: best.levels,
          identifierAgreement: best.identifierAgreement,
          ...this.decidingModel,
          occurredAt: context.occurredAt,
        },
      },
      context,
      { expectedRevision: this.streams.revisionOf(personId) },
    ).catch((error: unknown) => {
      if (error instanceof WrongExpectedRevisionError) return undefined;
      throw error;
    });
    if (result === undefined) return undefined;
    for (const key of keys) await this.claim(key, personId, ids);
    const position = (await this.proposeAll(candidates, personId, true, ids)) ?? result.position;
    return { personId, registered: false, recordId, ...positionOf(position) };
  }

  /**
   * Waits for a restore or merge underway of the person to be recorded (milliseconds after it
   * began), or, when a process that stopped between its appends left it unfinished, withdraws it:
   * it then can never be recorded, so the person is theirs to link to again.
   */
  private async awaitChange({ change, recordedAt }: ChangeUnderway, ids: ResolutionIds): Promise<void> {
    if (this.clock.now() - Date.parse(recordedAt) < ABANDONED_CHANGE_AFTER_MS) {
      await new Promise((resolve) => setTimeout(resolve, CHANGE_UNDERWAY_WAIT_MS));
      return;
    }
    const on = change.kind === 'restore' ? change.splitOffPersonId : change.proposalId;
    await withdrawChange(this.store, change, 'abandoned', ids.step(`withdraw-${change.kind}/${on}/${change.revision}`));
  }

  private async propose(candidate: PersonCandidate, personId: string, ids: ResolutionIds) {
    const proposalId = proposalIdFor(candidate.personId, personId);
    const context = this.proposing(proposalId, ids);
    // Its open proposal was scored on a record split off since: proposed again on this one.
    const evidenceMoved = this.proposals.evidenceMoved(proposalId, this.graph);
    const result = await handleCommand(
      this.store,
      matchStream(proposalId),
      matchProposalDecider,
      {
        type: 'propose-match',
        data: {
          proposalId,
          personIds: [candidate.personId, personId],
          score: round(candidate.score),
          levels: candidate.levels,
          guards: [...candidate.guards],
          ...this.decidingModel,
          occurredAt: context.occurredAt,
        },
        ...(evidenceMoved === undefined ? {} : { evidenceMoved }),
      },
      context,
    );
    return result.position;
  }

  private async keyHolders(keys: readonly PersonKey[]): Promise<{ key: PersonKey; claim?: KeyClaim }[]> {
    return Promise.all(
      keys.map(async (key) => {
        const claim = await keyClaim(this.store, key);
        return claim === undefined ? { key } : { key, claim };
      }),
    );
  }

  /**
   * `abandoned`: the claim of a person never registered that this one takes the key over from.
   * Recorded at this clock's time, not the command's (a back-dated or replayed context), as its age
   * decides when others may set it aside.
   */
  private claim(key: PersonKey, personId: string, ids: ResolutionIds, abandoned?: KeyClaim): Promise<boolean> {
    const context = { ...ids.step('claim'), now: new Date(this.clock.now()).toISOString() };
    return claimPersonKey(this.store, key, personId, context, abandoned);
  }

  /** Feeds the index with everything recorded since the last look, by this or any process. */
  private catchUp(): Promise<void> {
    return this.log.catchUp();
  }

  private apply(event: RecordedEvent): void {
    this.homes.apply(event);
    this.namings.apply(event);
    this.streams.apply(event);
    const personId = personIdFromStream(event.stream);
    if (personId !== undefined) {
      this.applyPerson(personId, event as unknown as PersonEvent, event.position);
    } else if (event.stream.startsWith('identity-')) {
      this.applyLink(event as unknown as PersonLinkEvent, event.position);
    } else if (event.stream.startsWith('case-')) {
      for (const recordId of recordsNamedBy(event)) this.named.add(recordId);
    } else if (event.stream.startsWith('personmatch-')) {
      const match = event as unknown as MatchEvent;
      this.keptApart.applyDecision(match, (id) => this.graph.current(id));
      this.proposals.apply(match, event.id);
      const affected =
        match.type === 'match-confirmed' ? this.recordsOf(match.data.survivorId, match.data.mergedId) : [];
      // The graph's merge rule decides whether a confirmation merges, exactly as the person index does.
      if (this.graph.applyDecision(match)?.merges === true) this.reassign(affected);
    }
  }

  private applyPerson(personId: string, event: PersonEvent, position: bigint): void {
    if ((event as { type: string }).type === REGISTRATION_SET_ASIDE) {
      this.setAside.add(personId);
    } else if (event.type === 'person-registered') {
      this.graph.registerPerson(personId, Number(position));
      this.graph.addRecord(personId, personId);
      this.proposals.recordAdded(personId, personId);
      this.index(personId, event.data.details);
    } else if (event.type === 'person-details-recorded') {
      this.changeDetails(personId, event.data);
    }
  }

  private applyLink(event: PersonLinkEvent, position: bigint): void {
    if (event.type === 'person-record-linked') {
      this.graph.addRecord(event.data.recordId, event.data.personId);
      this.proposals.recordAdded(event.data.recordId, event.data.personId);
      this.index(event.data.recordId, event.data.details);
    } else if (event.type === 'person-record-details-recorded') {
      // The record as it stands now (a victim's move through her case), for whoever holds it now.
      this.changeDetails(event.data.recordId, event.data);
    } else if (event.type === 'person-split') {
      const { personId, intoPersonId, restored, recordIds } = event.data;
      if (!restored) this.graph.registerPerson(intoPersonId, Number(position));
      this.keptApart.applySplit(personId, intoPersonId);
      const affected = [...this.recordsOf(personId, intoPersonId), ...recordIds];
      this.graph.split(event.data);
      this.reassign(affected);
    }
  }

  /** Details recorded later on a record, and any identifier value they corrected away from it. */
  private changeDetails(recordId: string, recorded: RecordedChanges & { reason?: string; source?: string }): void {
    const before = this.details.get(recordId);
    if (before === undefined) return;
    const after = applyPersonChanges(before, recorded);
    this.corrected.apply(recordId, before, after, recorded);
    this.index(recordId, after);
  }

  private index(recordId: string, details: PersonDetails): void {
    const personId = this.graph.personOfRecord(recordId);
    if (personId === undefined) return;
    this.details.set(recordId, details);
    this.matcher.add(toPersonRecord(recordId, details), personId);
  }

  private recordsOf(...personIds: string[]): string[] {
    return personIds.flatMap((id) => this.matcher.recordIdsOf(this.graph.current(id)));
  }

  private reassign(recordIds: readonly string[]): void {
    for (const recordId of recordIds) {
      const personId = this.graph.personOfRecord(recordId);
      if (personId !== undefined) this.matcher.reassign(recordId, personId);
    }
  }
}

const NO_ONE: ReadonlySet<string> = new Set();
const positionOf = (position: bigint | undefined) => (position === undefined ? {} : { position });
const asReview = (result: MatchResult): MatchResult => ({ ...result, decision: 'review' });
const round = (bits: number): number => Math.round(bits * 100) / 100;
