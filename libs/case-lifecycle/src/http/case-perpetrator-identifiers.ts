import type { CommandContext } from '../../../command-handling/src/command-context';
import { conflict, invalid } from '../../../command-handling/src/rejections';
import { Turns } from '../../../command-handling/src/turns';
import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import type { EventStore } from '../../../event-store/src/port/event-store';
import { heldNow } from '../../../identity/src/application/held-now';
import { commandContextFor } from '../../../platform/src/http/command-context.factory';
import { recordDetailsOnRecord } from '../application/case-person-record';
import {
  namedPerpetratorRecord,
  perpetratorRecordOfCase,
  type PerpetratorRecord,
} from '../application/perpetrator-record-of-case';
import { perpetratorCorrectionsAlongside } from '../application/perpetrator-records-alongside';
import { knowsPerpetratorRecords } from '../application/person-resolution/identifier-corrections';
import type { NamedRecord } from '../application/person-resolution/perpetrator-namings';
import {
  PERSON_RULES,
  requireCorrectionReason,
  requireDetailsDatedOnCase,
  requireHeld,
  type IdentifierField,
  type PersonIdentifiers,
} from '../domain';
import { answerDetailsWritten, pinnedCaseOfMember, type DetailsRoute } from './details-route';
import type { PerpetratorIdentifiersDto } from './dto/person.dto';
import { requireNoIdentifierConflict } from './identifier-conflict-check';
import { identifierCorrection, inClientNames, type IdentifierCorrection } from './identifier-correction';
import { namingOccurredAtOnlyWhenSent } from './unsent-occurred-at';

export type PerpetratorIdentifiersRoute = DetailsRoute<PerpetratorIdentifiersDto>;

const HIS_TURNS = new Turns();

/** What the request asked, checked before his records are read, and the case it came through. */
interface Planned {
  /** The case's referral, which names his record. */
  readonly referral: RecordedEvent | undefined;
  readonly perpetratorPersonId: string;
  readonly panelCode: string;
  readonly caseRevision: bigint;
  readonly correction: IdentifierCorrection;
  readonly reason: string;
  readonly context: CommandContext;
}

/**
 * `POST /v1/cases/{caseId}/perpetrator-identifiers`: a MARAC perpetrator's PNC ID typed wrong on
 * the victim's referral is corrected by her panel, which brought his record in, so his next
 * referral to any panel finds him and nobody else.
 */
export function correctPerpetratorIdentifiers(store: EventStore, route: PerpetratorIdentifiersRoute) {
  return namingOccurredAtOnlyWhenSent(route.body.occurredAt, () => correct(store, route));
}

async function correct(store: EventStore, route: PerpetratorIdentifiersRoute) {
  const { caseId, body, principal, request, people } = route;
  const current = await pinnedCaseOfMember(store, route);
  const correction = identifierCorrection(body.identifiers);
  if (correction === undefined) {
    throw invalid(
      'identifiers',
      'one-field-required',
      'send at least one identifier: a value sets it, null removes it',
    );
  }
  const reason = requireCorrectionReason(body.reason);
  if (current.panel.kind !== 'marac') {
    throw conflict(PERSON_RULES.perpetratorRecordOfCase, `case ${caseId} is not a MARAC case: it names no perpetrator`);
  }
  const context = commandContextFor(principal, request, body.occurredAt);
  requireDetailsDatedOnCase(current, context.occurredAt, context.now);
  const planned: Planned = {
    referral: current.referral,
    perpetratorPersonId: current.panel.perpetratorPersonId,
    panelCode: current.panelCode,
    caseRevision: current.revision,
    correction,
    reason,
    context,
  };
  const recordId = namedPerpetratorRecord(current.referral, caseId);
  // One correction of his records at a time in this process: two through two cases naming him
  // would each plan on what the other is about to change, and both land. Any phase: his
  // identifiers are a fact about his record, which outlives the case that brought it in.
  const { holder } = await whoHolds(store, people, recordId, planned.perpetratorPersonId);
  return HIS_TURNS.take(holder, () => correctOnHisRecords(store, route, planned));
}

/**
 * Who holds his record now, and the records MARAC referrals brought in for him that they hold:
 * from the resolver, which follows merges and then splits; where no resolver keeps an index, the
 * log walk (which names an id merged away) and his own record alone.
 */
async function whoHolds(
  store: EventStore,
  people: object,
  recordId: string,
  perpetratorPersonId: string,
): Promise<{ readonly holder: string; readonly named: readonly NamedRecord[] }> {
  if (!knowsPerpetratorRecords(people)) {
    return { holder: await heldNow(store, perpetratorPersonId, { recordId }), named: [] };
  }
  const { holder, records } = await people.perpetratorRecordsHeldWith(recordId);
  return { holder, named: records };
}

async function correctOnHisRecords(
  store: EventStore,
  route: PerpetratorIdentifiersRoute,
  { referral, perpetratorPersonId, panelCode, caseRevision, correction, reason, context }: Planned,
) {
  const { caseId, people } = route;
  // Read in its turn: a correction before it may have changed what he holds.
  const his = await perpetratorRecordOfCase(store, referral, caseId, perpetratorPersonId);
  const { holder, named } = await whoHolds(store, people, his.recordId, perpetratorPersonId);
  const record: PerpetratorRecord = { ...his, holder };
  // Refused before his other records are written, not by his own record's decider after them.
  try {
    requireHeld(correction.removed, his.identifiers);
  } catch (error) {
    throw inClientNames(error);
  }
  const others = await perpetratorCorrectionsAlongside(
    store,
    { record, identifiers: his.identifiers },
    // Only copies the case's own panel brought in: another panel's record is its coordinators' to correct.
    named.filter((other) => other.panel === panelCode),
    correction,
    context,
  );
  await requireNoIdentifierConflict(
    people,
    { ...record, alsoCorrected: others.map((other) => other.record.recordId) },
    correction,
  );
  const write = (on: PerpetratorRecord, set: PersonIdentifiers, removed: readonly IdentifierField[], namedOn: string) =>
    recordDetailsOnRecord(
      store,
      on,
      {
        changes: { identifiers: set },
        ...(removed.length === 0 ? {} : { identifiersRemoved: removed }),
        reason,
        namedOn,
      },
      context,
    ).catch((error: unknown) => {
      throw inClientNames(error);
    });
  // His other records first, his own last: its old value is what tells a retry which others still hold the copy.
  const eventTypes: string[] = [];
  for (const other of others) {
    eventTypes.push(...(await write(other.record, other.set, other.removed, other.caseId)).eventTypes);
  }
  const result = await write(record, correction.set, correction.removed, caseId);
  eventTypes.push(...result.eventTypes);
  // A value another person holds is put to a reviewer, never with his victim (the resolver keeps them apart).
  return answerDetailsWritten(route, { ...result, eventTypes }, correction.set, caseRevision, context);
}
