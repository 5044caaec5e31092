/**
 * A data sharing agreement (DSA): which agencies share, why, on what lawful basis, from when to
 * when, and when it must be reviewed. Stream `dsa-<id>`. Parties come and go over the
 * agreement's life, so membership is kept as dated intervals, and so are the days it is in force
 * (in-force-spells.ts): a disclosure is judged against the agreement as it stood when the
 * disclosure happened, not as it stands today. For the same reason no change may be dated so as
 * to leave a disclosure already recorded under the agreement outside it.
 */
import type { Decider, DomainEvent } from '../../../command-handling/src/decider';
import { conflict, invalid, notFound, Rejection, type RejectionDetail } from '../../../command-handling/src/rejections';
import { canonicalLawfulBasis, lawfulBasisProblems, type LawfulBasis } from './lawful-basis';
import { begunBy, lapsedBy, lastSpell, renewSpells, withinSpells, type InForceSpell } from './in-force-spells';
import { agencyKey, compareDays, isInstant, momentOf, notLaterThanNow, refuseFirst, ukDayOf } from './moments';

export const DSA_STREAM_PREFIX = 'dsa-';
export const dsaStream = (dsaId: string): string => {
  if (dsaId.length === 0) throw new Error('dsa-<id>: the id must not be empty');
  return `${DSA_STREAM_PREFIX}${dsaId}`;
};

// ---- events ----------------------------------------------------------------------------------

export type DsaSigned = DomainEvent<
  'dsa-signed',
  {
    readonly dsaId: string;
    readonly title: string;
    readonly parties: readonly string[];
    readonly purpose: string;
    readonly lawfulBasis: LawfulBasis;
    /** YYYY-MM-DD: when the partnership must look at it again. */
    readonly reviewDate: string;
    /** YYYY-MM-DD, inclusive. */
    readonly inForceFrom: string;
    /** YYYY-MM-DD, inclusive; null when open-ended (until expired). */
    readonly inForceTo: string | null;
    readonly occurredAt: string;
  }
>;
export type DsaPartyAdded = DomainEvent<'dsa-party-added', { readonly agency: string; readonly occurredAt: string }>;
export type DsaPartyRemoved = DomainEvent<
  'dsa-party-removed',
  { readonly agency: string; readonly reason: string; readonly occurredAt: string }
>;
/**
 * Moves the end of the spell in force, or after a lapse opens a new one from its day (renewSpells);
 * withdraws an expiry that has not come (expiryAfterRenewal).
 */
export type DsaRenewed = DomainEvent<
  'dsa-renewed',
  { readonly reviewDate: string; readonly inForceTo: string | null; readonly occurredAt: string }
>;
export type DsaExpired = DomainEvent<'dsa-expired', { readonly reason: string | null; readonly occurredAt: string }>;

export type DsaEvent = DsaSigned | DsaPartyAdded | DsaPartyRemoved | DsaRenewed | DsaExpired;
export const DSA_EVENT_TYPES: readonly DsaEvent['type'][] = [
  'dsa-signed',
  'dsa-party-added',
  'dsa-party-removed',
  'dsa-renewed',
  'dsa-expired',
];

// ---- commands --------------------------------------------------------------------------------

/**
 * Every command on an agreement carries the server clock when it was received
 * (`CommandContext.now`): deciders have no clock, and a change is recorded once made, so its
 * `occurredAt` may not be later. A planned end is the agreement's `inForceTo`, not an expiry
 * dated ahead.
 */
export interface DsaChangeTime {
  readonly occurredAt: string;
  readonly recordedAt: string;
}

export interface SignDsa extends DsaChangeTime {
  readonly type: 'sign-dsa';
  readonly dsaId: string;
  readonly title: string;
  readonly parties: readonly string[];
  readonly purpose: string;
  readonly lawfulBasis: unknown;
  readonly reviewDate: string;
  readonly inForceFrom: string;
  readonly inForceTo: string | null;
}
/**
 * The latest share recorded under the agreement (for a removal, the latest from or to that
 * agency), read from the register by the application. A change dated so that this disclosure,
 * covered now, would no longer be is refused; every earlier one is then covered too, as a change
 * only ever moves an end.
 */
export interface RecordedDisclosure {
  readonly disclosureId: string;
  readonly fromAgency: string;
  readonly toAgency: string;
  readonly occurredAt: string;
  /** When the system recorded it: a share may be dated a little ahead, within the clock skew. */
  readonly recordedAt: string;
}

/**
 * When a recorded disclosure counts as made for the agreement's terms: its `occurredAt`, unless
 * that is ahead of when it was recorded (a device clock within the allowed skew). A share dated
 * a few minutes ahead is made when recorded; else it would hold up an expiry or removal recorded
 * now, to protect a disclosure the register itself calls not yet made.
 */
export const madeAt = (d: Pick<RecordedDisclosure, 'occurredAt' | 'recordedAt'>): string =>
  momentOf(d.recordedAt) < momentOf(d.occurredAt) ? d.recordedAt : d.occurredAt;

export interface AddDsaParty extends DsaChangeTime {
  readonly type: 'add-dsa-party';
  readonly agency: string;
}
export interface RemoveDsaParty extends DsaChangeTime {
  readonly type: 'remove-dsa-party';
  readonly agency: string;
  readonly reason: string;
  readonly latestDisclosure: RecordedDisclosure | null;
}
export interface RenewDsa extends DsaChangeTime {
  readonly type: 'renew-dsa';
  readonly reviewDate: string;
  /** Omitted: keep the current end; null: make it open-ended. */
  readonly inForceTo?: string | null;
  readonly latestDisclosure: RecordedDisclosure | null;
}
export interface ExpireDsa extends DsaChangeTime {
  readonly type: 'expire-dsa';
  readonly reason: string | null;
  readonly latestDisclosure: RecordedDisclosure | null;
}
export type DsaCommand = SignDsa | AddDsaParty | RemoveDsaParty | RenewDsa | ExpireDsa;

// ---- state -----------------------------------------------------------------------------------

export interface DsaMembership {
  readonly agency: string;
  readonly joinedAt: string;
  readonly leftAt: string | null;
}

export interface DsaRecord {
  readonly exists: true;
  readonly dsaId: string;
  readonly title: string;
  readonly purpose: string;
  readonly lawfulBasis: LawfulBasis;
  readonly reviewDate: string;
  /** The first day of the first spell in force. */
  readonly inForceFrom: string;
  /** The end of the last spell in force (null: open-ended). */
  readonly inForceTo: string | null;
  /**
   * Every spell in force, oldest first; read it with `inForceSpells`. Absent from agreements a read
   * model stored before spells were kept: those were never renewed into a new spell there, so they
   * ran from `inForceFrom` to `inForceTo` in one.
   */
  readonly inForce?: readonly InForceSpell[];
  readonly expiredAt: string | null;
  readonly signedAt: string;
  /** Every spell of membership, oldest first; an agency may leave and join again. */
  readonly memberships: readonly DsaMembership[];
}
export type DsaState = { readonly exists: false } | DsaRecord;

export const initialDsaState = (): DsaState => ({ exists: false });

/**
 * Whether a membership has ended by `at`. One recorded ending later (written before changes dated
 * ahead were refused) has not: the agency is still a party, and may be removed sooner.
 */
const leftBy = (m: DsaMembership, at: number): boolean => m.leftAt !== null && momentOf(m.leftAt) <= at;

/**
 * Whether a membership runs at `at`: begun, and not yet ended. A joining recorded for a later
 * moment (written before changes dated ahead were refused) has not begun: the agency may not be
 * shared with yet, so it is not a party, and may be added now.
 */
const runsAt = (m: DsaMembership, at: number): boolean => momentOf(m.joinedAt) <= at && !leftBy(m, at);

/**
 * Whether `at` is before a spell's start. The founding parties joined on the agreement's first day
 * (a date, judged by UK day as the agreement's days are); parties added later, at a moment.
 */
const beforeJoining = (m: DsaMembership, at: string): boolean =>
  isInstant(m.joinedAt) ? momentOf(at) < momentOf(m.joinedAt) : compareDays(ukDayOf(at) ?? '', m.joinedAt) < 0;

const ofAgency = (agency: string) => (m: DsaMembership) => agencyKey(m.agency) === agencyKey(agency);

/**
 * The agencies a party at `at`, each once (by its latest spell's name): the logs written before
 * changes dated ahead were refused may hold two spells of one agency running together.
 */
export function currentParties(state: DsaRecord, at: string): string[] {
  const when = momentOf(at);
  const parties = new Map<string, string>();
  for (const m of state.memberships) if (runsAt(m, when)) parties.set(agencyKey(m.agency), m.agency);
  return [...parties.values()];
}

/** Whether the agreement's expiry has come by `at` (an expiry recorded for a later moment has not). */
export const expiredBy = (state: DsaRecord, at: string): boolean =>
  state.expiredAt !== null && momentOf(state.expiredAt) <= momentOf(at);

export const inForceSpells = (state: DsaRecord): readonly InForceSpell[] =>
  state.inForce ?? [{ from: state.inForceFrom, to: state.inForceTo }];

/** Whether the agreement was in force at `at` (on a day of one of its spells, and not yet expired). */
export function dsaInForceAt(state: DsaRecord, at: string): boolean {
  if (!withinSpells(inForceSpells(state), at)) return false;
  return state.expiredAt === null || momentOf(at) < momentOf(state.expiredAt);
}

/** Whether `agency` was a party at `at`: what a share is judged by, and a change to the membership. */
export function wasPartyAt(state: DsaRecord, agency: string, at: string): boolean {
  const when = momentOf(at);
  return state.memberships.some((m) => ofAgency(agency)(m) && runsAt(m, when));
}

/**
 * A removal ends every spell of the agency not ended by its moment, not the latest alone: logs
 * written before changes dated ahead were refused may hold a leaving dated years ahead followed by
 * a joining again, and the earlier spell would otherwise keep the agency a party. An ending recorded
 * later is brought forward. A spell not begun by then (a joining written ahead) is dropped: the
 * agency never shared under it, and kept it would make the agency a party again when it came.
 */
function endMemberships(memberships: readonly DsaMembership[], agency: string, occurredAt: string): DsaMembership[] {
  const at = momentOf(occurredAt);
  return memberships.flatMap((m) => {
    if (!ofAgency(agency)(m) || leftBy(m, at)) return [m];
    return beforeJoining(m, occurredAt) ? [] : [{ ...m, leftAt: occurredAt }];
  });
}

/**
 * A renewal is recorded only while the agreement has not expired, so an expiry it finds has not
 * come: one dated ahead, written before changes dated ahead were refused (or within the clock
 * skew). That was a planned end, which the renewal's `inForceTo` now sets; kept, it would end the
 * agreement on its old date whatever the renewal said.
 */
const expiryAfterRenewal = (state: DsaRecord, renewedAt: string): string | null =>
  state.expiredAt !== null && momentOf(renewedAt) < momentOf(state.expiredAt) ? null : state.expiredAt;

export function evolveDsa(state: DsaState, event: DsaEvent): DsaState {
  if (event.type === 'dsa-signed') {
    const d = event.data;
    return {
      exists: true,
      dsaId: d.dsaId,
      title: d.title,
      purpose: d.purpose,
      lawfulBasis: d.lawfulBasis,
      reviewDate: d.reviewDate,
      inForceFrom: d.inForceFrom,
      inForceTo: d.inForceTo,
      inForce: [{ from: d.inForceFrom, to: d.inForceTo }],
      expiredAt: null,
      signedAt: d.occurredAt,
      memberships: d.parties.map((agency) => ({ agency, joinedAt: d.inForceFrom, leftAt: null })),
    };
  }
  if (!state.exists) return state;
  switch (event.type) {
    case 'dsa-party-added': {
      // A joining written ahead and still open gives way to this earlier one, so that a removal of
      // the agency later ends its membership for good instead of leaving a spell still to begin.
      const { agency, occurredAt } = event.data;
      const stillToBegin = (m: DsaMembership) =>
        ofAgency(agency)(m) && m.leftAt === null && momentOf(m.joinedAt) > momentOf(occurredAt);
      return {
        ...state,
        memberships: [
          ...state.memberships.filter((m) => !stillToBegin(m)),
          { agency, joinedAt: occurredAt, leftAt: null },
        ],
      };
    }
    case 'dsa-party-removed':
      return { ...state, memberships: endMemberships(state.memberships, event.data.agency, event.data.occurredAt) };
    case 'dsa-renewed': {
      const inForce = renewSpells(inForceSpells(state), event.data.occurredAt, event.data.inForceTo);
      return {
        ...state,
        reviewDate: event.data.reviewDate,
        inForceTo: lastSpell(inForce).to,
        inForce,
        expiredAt: expiryAfterRenewal(state, event.data.occurredAt),
      };
    }
    case 'dsa-expired':
      return { ...state, expiredAt: event.data.occurredAt };
  }
}

function existing(state: DsaState): DsaRecord {
  if (!state.exists) throw notFound('dsa-exists', 'no such data sharing agreement');
  return state;
}

/**
 * The moment a change is judged at: the later of when it is dated and when it is recorded. An
 * expiry or a party's leaving that has come by then stands; one recorded for a later moment does
 * not yet, so an admin can still end the agreement, or the membership, sooner.
 */
const judgedAt = (command: DsaChangeTime): string =>
  momentOf(command.occurredAt) > momentOf(command.recordedAt) ? command.occurredAt : command.recordedAt;

function notExpired(state: DsaRecord, command: DsaChangeTime): DsaRecord {
  if (expiredBy(state, judgedAt(command)))
    throw conflict('dsa-not-expired', `the agreement expired at ${state.expiredAt ?? ''}; sign a new one`);
  return state;
}

/** Dated ahead, a change would read as made while the agreement still shares as before. */
const changeAhead = (command: DsaChangeTime): RejectionDetail[] =>
  notLaterThanNow(command.occurredAt, command.recordedAt, 'dsa-change-not-in-future', 'change');

/**
 * A removal, renewal or expiry is dated no earlier than the agreement's first day in force: dated
 * before it, it states nothing true about the agreement, and a renewal so dated would move a lapsed
 * spell's end over the lapse (renewSpells) as if renewed before it ran out. Bound by `inForceFrom`
 * only, not by when the agreement was entered (`signedAt`): paper agreements are entered late, and
 * their true history, which shares dated in it rely on, must stay recordable.
 */
function datedWithinAgreement(state: DsaRecord, occurredAt: string): DsaRecord {
  const day = ukDayOf(occurredAt);
  if (day !== undefined && compareDays(day, state.inForceFrom) < 0)
    throw invalid(
      'occurredAt',
      'dated-within-agreement',
      `occurredAt ${occurredAt} is before the agreement came into force (${state.inForceFrom})`,
    );
  return state;
}

/**
 * A party leaves no earlier than it last joined: dated before, the agreement's history would say
 * it left before it joined, and an auditor could not tell whether it was a party in between.
 */
function removedAfterJoining(state: DsaRecord, command: RemoveDsaParty, at: string): void {
  const judged = momentOf(at);
  const last = state.memberships
    .filter(
      (m) => ofAgency(command.agency)(m) && momentOf(m.joinedAt) <= judged && beforeJoining(m, command.occurredAt),
    )
    .at(-1);
  if (last !== undefined)
    throw invalid(
      'occurredAt',
      'dsa-party-removed-after-joining',
      `occurredAt ${command.occurredAt} is before ${command.agency.trim()} joined the agreement (${last.joinedAt}); ` +
        'a party is removed no earlier than it last joined',
    );
}

/**
 * A party comes back no earlier than it last left: dated before, its return would reach back over
 * its removal and reopen what the removal closed (a share made to it while it was out included),
 * and the removal could not be put back once a share sat in that gap.
 */
function addedAfterLeaving(state: DsaRecord, command: AddDsaParty): void {
  const left = state.memberships
    .filter((m) => ofAgency(command.agency)(m) && m.leftAt !== null)
    .map((m) => m.leftAt as string)
    .filter((leftAt) => momentOf(command.occurredAt) < momentOf(leftAt))
    .sort((a, b) => momentOf(a) - momentOf(b))
    .at(-1);
  if (left !== undefined)
    throw invalid(
      'occurredAt',
      'dsa-party-added-after-leaving',
      `occurredAt ${command.occurredAt} is before ${command.agency.trim()} left the agreement (${left}); ` +
        'a party is added back no earlier than it last left',
    );
}

function covers(state: DsaRecord, d: RecordedDisclosure): boolean {
  const at = madeAt(d);
  return dsaInForceAt(state, at) && wasPartyAt(state, d.fromAgency, at) && wasPartyAt(state, d.toAgency, at);
}

/**
 * The events, unless they would leave the latest recorded disclosure outside the agreement: the
 * register and the agreement would then tell an auditor it was made without one. `field` is what
 * the caller would have to change. A disclosure the agreement did not cover anyway (recorded
 * before spells were kept) holds nothing up.
 */
function keepingDisclosuresCovered(
  state: DsaRecord,
  events: DsaEvent[],
  disclosure: RecordedDisclosure | null,
  field: 'occurredAt' | 'inForceTo',
): DsaEvent[] {
  if (disclosure === null || !covers(state, disclosure)) return events;
  if (covers(events.reduce<DsaState>(evolveDsa, state) as DsaRecord, disclosure)) return events;
  const rule = 'covers-recorded-disclosures';
  const message =
    `disclosure ${disclosure.disclosureId} (${disclosure.fromAgency} to ${disclosure.toAgency}, ` +
    `${disclosure.occurredAt}) was made under this agreement; ${field} would leave it outside the agreement`;
  throw new Rejection('conflict', rule, message, [{ field, rule, message }]);
}

function sign(command: SignDsa, state: DsaState): DsaEvent[] {
  if (state.exists) throw conflict('dsa-new', `agreement ${command.dsaId} is already signed`);
  const problems = [...changeAhead(command), ...lawfulBasisProblems(command.lawfulBasis)];
  const parties = [...new Map(command.parties.map((p) => [agencyKey(p), p.trim()])).values()];
  if (parties.length < 2)
    problems.push({
      field: 'parties',
      rule: 'at-least-two-parties',
      message: 'an agreement needs two or more agencies',
    });
  if (command.inForceTo !== null && compareDays(command.inForceTo, command.inForceFrom) < 0)
    problems.push({ field: 'inForceTo', rule: 'not-before-in-force-from', message: 'inForceTo is before inForceFrom' });
  if (compareDays(command.reviewDate, command.inForceFrom) < 0)
    problems.push({
      field: 'reviewDate',
      rule: 'not-before-in-force-from',
      message: 'reviewDate is before inForceFrom',
    });
  if (problems.length > 0)
    throw new Rejection('invalid', problems[0]?.rule ?? 'invalid', 'the agreement is incomplete', problems);
  return [
    {
      type: 'dsa-signed',
      data: {
        dsaId: command.dsaId,
        title: command.title,
        parties,
        purpose: command.purpose,
        lawfulBasis: canonicalLawfulBasis(command.lawfulBasis as LawfulBasis),
        reviewDate: command.reviewDate,
        inForceFrom: command.inForceFrom,
        inForceTo: command.inForceTo,
        occurredAt: command.occurredAt,
      },
    },
  ];
}

/** An agreement recorded, the change not dated ahead, and the agreement not expired by then. */
function changeable(state: DsaState, command: DsaChangeTime): DsaRecord {
  const record = existing(state);
  refuseFirst(changeAhead(command));
  return notExpired(record, command);
}

export function decideDsa(command: DsaCommand, state: DsaState): DsaEvent[] {
  switch (command.type) {
    case 'sign-dsa':
      return sign(command, state);
    case 'add-dsa-party': {
      const current = datedWithinAgreement(changeable(state, command), command.occurredAt);
      if (wasPartyAt(current, command.agency, judgedAt(command)))
        throw conflict('party-not-on-dsa', `${command.agency} is already a party`);
      addedAfterLeaving(current, command);
      return [{ type: 'dsa-party-added', data: { agency: command.agency.trim(), occurredAt: command.occurredAt } }];
    }
    case 'remove-dsa-party': {
      const current = datedWithinAgreement(changeable(state, command), command.occurredAt);
      const at = judgedAt(command);
      if (!wasPartyAt(current, command.agency, at)) throw conflict('party-on-dsa', `${command.agency} is not a party`);
      removedAfterJoining(current, command, at);
      if (currentParties(current, at).length <= 2)
        throw conflict('at-least-two-parties', 'an agreement keeps two or more agencies; expire it instead');
      const removed: DsaEvent = {
        type: 'dsa-party-removed',
        data: { agency: command.agency.trim(), reason: command.reason, occurredAt: command.occurredAt },
      };
      return keepingDisclosuresCovered(current, [removed], command.latestDisclosure, 'occurredAt');
    }
    case 'renew-dsa': {
      const current = datedWithinAgreement(changeable(state, command), command.occurredAt);
      if (compareDays(command.reviewDate, current.reviewDate) <= 0)
        throw invalid(
          'reviewDate',
          'later-than-current-review',
          `a renewal sets a review date after ${current.reviewDate}`,
        );
      const inForceTo = command.inForceTo === undefined ? current.inForceTo : command.inForceTo;
      // A spell not begun by the renewal's day (a renewal once dated ahead) gives way to this one.
      const spells = begunBy(inForceSpells(current), command.occurredAt);
      const renewedOn = ukDayOf(command.occurredAt);
      // After a lapse only a new spell from the renewal's day renews anything: moving the lapsed
      // spell's end instead would cover the lapse, and disclosures refused in it would pass.
      if (
        renewedOn !== undefined &&
        inForceTo !== null &&
        lapsedBy(spells, command.occurredAt) &&
        compareDays(inForceTo, renewedOn) < 0
      )
        throw invalid(
          'inForceTo',
          'renewal-reaches-its-day',
          `the agreement lapsed after ${lastSpell(spells).to ?? ''}; a renewal on ${renewedOn} runs it from that ` +
            `day, so inForceTo ${inForceTo} must be on or after it (or null: open-ended)`,
        );
      const { from } = lastSpell(spells);
      if (inForceTo !== null && compareDays(inForceTo, from) < 0)
        throw invalid(
          'inForceTo',
          'not-before-in-force-from',
          `inForceTo is before ${from}, when the spell in force began`,
        );
      const renewed: DsaEvent = {
        type: 'dsa-renewed',
        data: { reviewDate: command.reviewDate, inForceTo, occurredAt: command.occurredAt },
      };
      return keepingDisclosuresCovered(current, [renewed], command.latestDisclosure, 'inForceTo');
    }
    case 'expire-dsa': {
      const current = datedWithinAgreement(changeable(state, command), command.occurredAt);
      const expired: DsaEvent = {
        type: 'dsa-expired',
        data: { reason: command.reason, occurredAt: command.occurredAt },
      };
      return keepingDisclosuresCovered(current, [expired], command.latestDisclosure, 'occurredAt');
    }
  }
}

export const dsaDecider: Decider<DsaState, DsaCommand, DsaEvent> = {
  initialState: initialDsaState,
  evolve: evolveDsa,
  decide: decideDsa,
};
