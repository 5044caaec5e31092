import { conflict, invalid } from '../../../command-handling/src/rejections';
import type { EventStore } from '../../../event-store/src/port/event-store';
import { commandContextFor } from '../../../platform/src/http/command-context.factory';
import { exposePosition } from '../../../platform/src/http/position-header';
import { recordDetailsOnRecord } from '../application/case-person-record';
import { perpetratorRecordOfCase } from '../application/perpetrator-record-of-case';
import { correctsIdentifiers } from '../application/person-resolution/identifier-corrections';
import { PERSON_RULES, requireCorrectionReason, requireDetailsDatedOnCase } from '../domain';
import type { PerpetratorIdentifiersDto } from './dto/person.dto';
import { requireNoIdentifierConflict } from './identifier-conflict-check';
import { identifierCorrection, inClientNames } from './identifier-correction';
import { namingOccurredAtOnlyWhenSent } from './unsent-occurred-at';
import { pinnedCaseOfMember, type DetailsRoute } from './details-route';

export type PerpetratorIdentifiersRoute = DetailsRoute<PerpetratorIdentifiersDto>;

/**
 * `POST /v1/cases/{caseId}/perpetrator-identifiers`: a MARAC perpetrator's PNC ID typed wrong on
 * the victim's referral is corrected by her panel, which brought his record in, so his next
 * referral to any panel finds him and nobody else.
 */
export function correctPerpetratorIdentifiers(store: EventStore, route: PerpetratorIdentifiersRoute) {
  return namingOccurredAtOnlyWhenSent(route.body.occurredAt, () => correct(store, route));
}

async function correct(store: EventStore, route: PerpetratorIdentifiersRoute) {
  const { caseId, body, principal, request, response, people } = route;
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
  const record = await perpetratorRecordOfCase(store, caseId, current.panel.perpetratorPersonId);
  await requireNoIdentifierConflict(people, { ...record, alsoCorrected: [] }, correction);
  const result = await recordDetailsOnRecord(
    store,
    record,
    {
      changes: { identifiers: correction.set },
      ...(correction.removed.length === 0 ? {} : { identifiersRemoved: correction.removed }),
      reason,
      namedOn: caseId,
    },
    context,
  ).catch((error: unknown) => {
    throw inClientNames(error);
  });
  // A value another person holds is never a link: put to a reviewer, never his victim.
  const proposed =
    Object.keys(correction.set).length === 0 || !correctsIdentifiers(people)
      ? undefined
      : await people.proposeOnIdentifiersSet(result.recordId, correction.set, context);
  const position = exposePosition(response, proposed ?? result.position, current.revision);
  return {
    caseId,
    personId: result.personId,
    events: proposed === undefined ? result.eventTypes : [...result.eventTypes, 'match-proposed'],
    position: position === undefined ? null : Number(position),
  };
}
