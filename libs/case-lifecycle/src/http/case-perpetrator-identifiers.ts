import { conflict, invalid } from '../../../command-handling/src/rejections';
import type { EventStore } from '../../../event-store/src/port/event-store';
import { commandContextFor } from '../../../platform/src/http/command-context.factory';
import { exposePosition } from '../../../platform/src/http/position-header';
import { recordDetailsOnRecord } from '../application/case-person-record';
import { identifiersHeldOn } from '../application/identifier-records-alongside';
import { perpetratorRecordOfCase, type PerpetratorRecord } from '../application/perpetrator-record-of-case';
import { perpetratorCorrectionsAlongside } from '../application/perpetrator-records-alongside';
import { correctsIdentifiers, knowsPerpetratorRecords } from '../application/person-resolution/identifier-corrections';
import {
  PERSON_RULES,
  requireCorrectionReason,
  requireDetailsDatedOnCase,
  requireHeld,
  type IdentifierField,
  type PersonIdentifiers,
} from '../domain';
import type { PerpetratorIdentifiersDto } from './dto/person.dto';
import { requireNoIdentifierConflict } from './identifier-conflict-check';
import { identifierCorrection, inClientNames, type IdentifierCorrection } from './identifier-correction';
import { Turns } from '../../../command-handling/src/turns';
import type { CommandContext } from '../../../command-handling/src/command-context';
import { namingOccurredAtOnlyWhenSent } from './unsent-occurred-at';
import { pinnedCaseOfMember, type DetailsRoute } from './details-route';

export type PerpetratorIdentifiersRoute = DetailsRoute<PerpetratorIdentifiersDto>;

const HIS_TURNS = new Turns();

/** What the request asked, checked before his records are read, and the case it came through. */
interface Planned {
  /** His record the case's referral brought in: fixed by the referral, whoever holds it. */
  readonly found: PerpetratorRecord;
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
  // Any phase: his identifiers are a fact about his record, which outlives the case that brought it in.
  const found = await perpetratorRecordOfCase(store, caseId, current.panel.perpetratorPersonId);
  const holder = knowsPerpetratorRecords(people)
    ? (await people.perpetratorRecordsHeldWith(found.recordId)).holder
    : found.holder;
  // One correction of his records at a time in this process: two through two cases naming him
  // would each plan on what the other is about to change, and both land.
  const planned = {
    found,
    panelCode: current.panelCode,
    caseRevision: current.revision,
    correction,
    reason,
    context,
  };
  return HIS_TURNS.take(holder, () => correctOnHisRecords(store, route, planned));
}

async function correctOnHisRecords(
  store: EventStore,
  { caseId, response, people }: PerpetratorIdentifiersRoute,
  { found, panelCode, caseRevision, correction, reason, context }: Planned,
) {
  // Asked again in its turn: a correction before it may have changed what he holds. The resolver
  // follows merges and then splits to whoever holds the record now; the log walk alone would name
  // an id merged away.
  const his = knowsPerpetratorRecords(people) ? await people.perpetratorRecordsHeldWith(found.recordId) : undefined;
  const record = his === undefined ? found : { ...found, holder: his.holder };
  const held = await identifiersHeldOn(store, { caseId, personId: record.linkedOn }, record);
  // Refused before his other records are written, not by his own record's decider after them.
  try {
    requireHeld(correction.removed, held);
  } catch (error) {
    throw inClientNames(error);
  }
  const others = await perpetratorCorrectionsAlongside(
    store,
    { record, identifiers: held },
    // Only copies the case's own panel brought in: another panel's record is its coordinators' to correct.
    (his?.records ?? []).filter((named) => named.panel === panelCode),
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
      { ...on, holder: record.holder },
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
  // A value another person holds is never a link: put to a reviewer, never his victim.
  const proposed =
    Object.keys(correction.set).length === 0 || !correctsIdentifiers(people)
      ? undefined
      : await people.proposeOnIdentifiersSet(result.recordId, correction.set, context);
  const position = exposePosition(response, proposed ?? result.position, caseRevision);
  return {
    caseId,
    personId: result.personId,
    events: proposed === undefined ? eventTypes : [...eventTypes, 'match-proposed'],
    position: position === undefined ? null : Number(position),
  };
}
