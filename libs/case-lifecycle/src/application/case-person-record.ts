import type { CommandContext } from '../../../command-handling/src/command-context';
import { conflict } from '../../../command-handling/src/rejections';
import { handleCommand } from '../../../command-handling/src/handle-command';
import type { EventStore } from '../../../event-store/src/port/event-store';
import { heldNow } from '../../../identity/src/application/held-now';
import { identityStream, personLinksDecider } from '../../../identity/src/domain/person-links';
import {
  PERSON_RULES,
  personDecider,
  personStream,
  type CaseRecord,
  type IdentifierField,
  type PersonDetails,
} from '../domain';
import { brought, broughtInBy, casesOfPanel, recordOfReferralPanel } from './record-of-referral-panel';
import { ReferralHistory } from './referral-history';

type CaseOfPerson = Pick<CaseRecord, 'caseId' | 'panelCode' | 'personId'>;

export interface RecordedThroughCase {
  /** Who holds the case now: its referral's person, unless a split moved the case off them. */
  readonly personId: string;
  /** The record the details went on. */
  readonly recordId: string;
  readonly eventTypes: readonly string[];
  readonly position: bigint | undefined;
}

/**
 * The record a referral to the case's panel linked to the person, when another panel's referral
 * registered them: the case's own referral's first, else its panel's latest earlier one. The
 * referral names the record it linked (before it did, the link written in the referral's request
 * stands in). Only one the case's holder still holds: after a split, details of the person the
 * case moved to never go on a record left with the other.
 */
async function linkedRecordOfPanel(
  store: EventStore,
  current: CaseOfPerson,
  earlier: readonly { readonly caseId: string; readonly panelCode: string }[],
  holder: string,
): Promise<string | undefined> {
  const links = (await store.readStream(identityStream(current.personId))).flatMap((event) => {
    const { recordId } = event.data as { recordId?: unknown };
    return event.type === 'person-record-linked' && typeof recordId === 'string'
      ? [{ recordId, metadata: event.metadata }]
      : [];
  });
  if (links.length === 0) return undefined;
  for (const caseId of [current.caseId, ...casesOfPanel(current.panelCode, earlier).reverse()]) {
    const by = await broughtInBy(store, caseId);
    const link = by === undefined ? undefined : links.find((l) => brought(by, l.recordId, l.metadata));
    if (link !== undefined && (await heldNow(store, current.personId, { recordId: link.recordId })) === holder) {
      return link.recordId;
    }
  }
  return undefined;
}

/** The record details recorded through a case go on, and whoever holds it now. */
export interface RecordOfCase {
  /** Who holds the case now: its referral's person, unless a split moved the case off them. */
  readonly holder: string;
  /** The registration (its id is the person's) or the record a referral to the case's panel linked. */
  readonly recordId: string;
  /** True when it is the registration, on the person's stream; else a record on their identity stream. */
  readonly registration: boolean;
}

/** Identifiers removed as recorded in error, and why: for auditors, beside who did it. */
export interface DetailsCorrection {
  readonly identifiersRemoved?: readonly IdentifierField[];
  readonly reason?: string;
}

/**
 * Details recorded through a case land on a record a referral to the case's panel brought in, so
 * they are shown exactly where that panel's records are: the person's registration when that
 * panel's referral made it, otherwise the record the panel's referral linked to a person another
 * panel registered first (a MARAC victim who was an IOM nominal: her new refuge address and safe
 * number stay MARAC's, never on the IOM record IOM's members read). 409 `person-record-of-case-panel`
 * when no such record is held by the case's holder.
 */
export async function recordOfCase(store: EventStore, current: CaseOfPerson): Promise<RecordOfCase> {
  const { caseId, panelCode, personId } = current;
  const { referrals } = await new ReferralHistory(store).read(personId);
  const holder = await heldNow(store, personId, { caseId });
  const registrationHeld = (await heldNow(store, personId, { recordId: personId })) === holder;
  if (
    registrationHeld &&
    (await recordOfReferralPanel(store, personId, panelCode, [{ caseId, panelCode }, ...referrals]))
  ) {
    return { holder, recordId: personId, registration: true };
  }
  const recordId = await linkedRecordOfPanel(store, current, referrals, holder);
  if (recordId === undefined) {
    throw conflict(
      PERSON_RULES.recordOfCasePanel,
      `no record of person ${holder} came in with a ${panelCode} referral, so there is none to change: ` +
        `make a ${panelCode} referral with the new details`,
    );
  }
  return { holder, recordId, registration: false };
}

/**
 * Records the details on the case's record (`recordOfCase`, or the one given, found before). The
 * event names whoever holds the case and record now, so after a split it is in the report of the
 * person it is about.
 */
export async function recordDetailsThroughCase(
  store: EventStore,
  current: CaseOfPerson,
  changes: Partial<PersonDetails>,
  context: CommandContext,
  correction: DetailsCorrection = {},
  record?: RecordOfCase,
): Promise<RecordedThroughCase> {
  return recordDetailsOnRecord(
    store,
    { linkedOn: current.personId, ...(record ?? (await recordOfCase(store, current))) },
    { changes, ...correction, source: current.caseId },
    context,
  );
}

/** What goes on a details event beside the changes: why, and which case it came through. */
type DetailsGiven = DetailsCorrection & {
  readonly changes: Partial<PersonDetails>;
  readonly source?: string;
  readonly namedOn?: string;
};

/**
 * Writes details on a record: on the person's stream for a registration, else on the identity stream
 * of the person it was linked to (`linkedOn`), whose state holds its details as they stand.
 */
export async function recordDetailsOnRecord(
  store: EventStore,
  { holder, recordId, registration, linkedOn }: RecordOfCase & { readonly linkedOn: string },
  given: DetailsGiven,
  context: CommandContext,
): Promise<RecordedThroughCase> {
  const data = { ...given, occurredAt: context.occurredAt };
  const result = registration
    ? await handleCommand(
        store,
        personStream(recordId),
        personDecider,
        { type: 'record-person-details', data: { personId: recordId, ...data } },
        context,
      )
    : await handleCommand(
        store,
        identityStream(linkedOn),
        personLinksDecider,
        { type: 'record-record-details', data: { personId: holder, recordId, ...data } },
        context,
      );
  return { personId: holder, recordId, eventTypes: result.newEvents.map((e) => e.type), position: result.position };
}
