import type { CommandContext } from '../../../command-handling/src/command-context';
import { conflict } from '../../../command-handling/src/rejections';
import { handleCommand } from '../../../command-handling/src/handle-command';
import type { EventStore } from '../../../event-store/src/port/event-store';
import { heldNow } from '../../../identity/src/application/held-now';
import { identityStream, personLinksDecider } from '../../../identity/src/domain/person-links';
import { caseStream, PERSON_RULES, personDecider, personStream, type CaseRecord, type PersonDetails } from '../domain';
import { openedUnder, recordOfReferralPanel } from './record-of-referral-panel';
import { ReferralHistory } from './referral-history';

type CaseOfPerson = Pick<CaseRecord, 'caseId' | 'panelCode' | 'personId'>;

export interface RecordedThroughCase {
  /** Who holds the case now: its referral's person, unless a split moved the case off them. */
  readonly personId: string;
  readonly eventTypes: readonly string[];
  readonly position: bigint | undefined;
}

/**
 * The record a referral to the case's panel linked to the person, when another panel's referral
 * registered them: the case's own referral's first, else its panel's latest earlier one. A linked
 * record shares its referral's correlation id. Only one the case's holder still holds: after a
 * split, details of the person the case moved to never go on a record left with the other.
 */
async function linkedRecordOfPanel(
  store: EventStore,
  current: CaseOfPerson,
  earlier: readonly { readonly caseId: string; readonly panelCode: string }[],
  holder: string,
): Promise<string | undefined> {
  const linked = new Map<string, string>();
  for (const event of await store.readStream(identityStream(current.personId))) {
    const { recordId } = event.data as { recordId?: unknown };
    if (event.type === 'person-record-linked' && typeof recordId === 'string' && event.metadata.correlationId) {
      linked.set(event.metadata.correlationId, recordId);
    }
  }
  if (linked.size === 0) return undefined;
  const samePanel = earlier.filter((r) => r.panelCode === current.panelCode).map((r) => r.caseId);
  for (const caseId of new Set([current.caseId, ...samePanel.reverse()])) {
    const correlationId = await openedUnder(store, caseStream(caseId));
    const recordId = correlationId === undefined ? undefined : linked.get(correlationId);
    if (recordId !== undefined && (await heldNow(store, current.personId, { recordId })) === holder) return recordId;
  }
  return undefined;
}

/**
 * Details recorded through a case land on a record a referral to the case's panel brought in, so
 * they are shown exactly where that panel's records are: the person's registration when that
 * panel's referral made it, otherwise the record the panel's referral linked to a person another
 * panel registered first (a MARAC victim who was an IOM nominal: her new refuge address and safe
 * number stay MARAC's, never on the IOM record IOM's members read). The event names whoever holds
 * the case and record now, so after a split it is in the report of the person it is about.
 */
export async function recordDetailsThroughCase(
  store: EventStore,
  current: CaseOfPerson,
  changes: Partial<PersonDetails>,
  context: CommandContext,
): Promise<RecordedThroughCase> {
  const { caseId, panelCode, personId } = current;
  const { referrals } = await new ReferralHistory(store).read(personId);
  const earlier = [{ caseId, panelCode }, ...referrals];
  const holder = await heldNow(store, personId, { caseId });
  const registrationHeld = (await heldNow(store, personId, { recordId: personId })) === holder;
  if (registrationHeld && (await recordOfReferralPanel(store, personId, { panelCode }, earlier))) {
    const command = {
      type: 'record-person-details',
      data: { personId, changes, source: caseId, occurredAt: context.occurredAt },
    } as const;
    const result = await handleCommand(store, personStream(personId), personDecider, command, context);
    return { personId: holder, eventTypes: result.newEvents.map((e) => e.type), position: result.position };
  }
  const recordId = await linkedRecordOfPanel(store, current, referrals, holder);
  if (recordId === undefined) {
    throw conflict(
      PERSON_RULES.recordOfCasePanel,
      `no record of person ${holder} came in with a ${panelCode} referral, so there is none to change: ` +
        `make a ${panelCode} referral with the new details`,
    );
  }
  const command = {
    type: 'record-record-details',
    data: { personId: holder, recordId, changes, source: caseId, occurredAt: context.occurredAt },
  } as const;
  // On the stream the record was linked on, whose state holds its details as they stand.
  const result = await handleCommand(store, identityStream(personId), personLinksDecider, command, context);
  return { personId: holder, eventTypes: result.newEvents.map((e) => e.type), position: result.position };
}
