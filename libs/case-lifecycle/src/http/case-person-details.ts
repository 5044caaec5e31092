import { conflict, invalid } from '../../../command-handling/src/rejections';
import type { EventStore } from '../../../event-store/src/port/event-store';
import { commandContextFor } from '../../../platform/src/http/command-context.factory';
import { loadCase } from '../application/case-command';
import { recordDetailsThroughCase, recordOfCase, type RecordOfCase } from '../application/case-person-record';
import { identifierRecordOfCase } from '../application/identifier-record-of-case';
import {
  correctionsAcrossCase,
  identifiersHeldOn,
  uploadRecordsAlongside,
} from '../application/identifier-records-alongside';
import { requireNoIdentifierConflict } from './identifier-conflict-check';
import {
  CASE_RULES,
  PERSON_RULES,
  requireCorrectionReason,
  requireDetailsDatedOnCase,
  type IdentifierField,
  type PersonDetails,
} from '../domain';
import type { CasePersonDetailsDto } from './dto/person.dto';
import { identifierCorrection, inClientNames } from './identifier-correction';
import { namingOccurredAtOnlyWhenSent } from './unsent-occurred-at';
import { answerDetailsWritten, pinnedCaseOfMember, type DetailsRoute } from './details-route';

const FIELDS = ['address', 'postcode', 'safeContactNumber', 'disability', 'language'] as const;

export type CasePersonDetailsRoute = DetailsRoute<CasePersonDetailsDto>;

/** `POST /v1/cases/{caseId}/person-details`: new details of the case's subject, without a new referral. */
export function recordCasePersonDetails(store: EventStore, route: CasePersonDetailsRoute) {
  return namingOccurredAtOnlyWhenSent(route.body.occurredAt, () => record(store, route));
}

async function record(store: EventStore, route: CasePersonDetailsRoute) {
  const { caseId, body, principal, request, people } = route;
  const current = await pinnedCaseOfMember(store, route);
  const changes: { -readonly [K in (typeof FIELDS)[number]]?: string } = {};
  for (const field of FIELDS) if (body[field] !== undefined) changes[field] = body[field];
  const correction = identifierCorrection(body.identifiers);
  // Identifiers are a fact about the record, which outlives the case: a number wrong on it is put
  // right through a closed or declined case too. Other details are the open case's work.
  if (
    (current.phase === 'closed' || current.phase === 'declined') &&
    (Object.keys(changes).length > 0 || correction === undefined)
  ) {
    throw conflict(
      CASE_RULES.caseOpen,
      `case ${caseId} is ${current.phase}: record details through an open case (identifiers alone are corrected through any)`,
    );
  }
  if (Object.keys(changes).length === 0 && correction === undefined) {
    const fields = [...FIELDS, 'identifiers'];
    throw invalid(fields.join('|'), 'one-field-required', `send at least one of ${fields.join(', ')}`);
  }
  // Checked before any record is looked up: a refusal for the body comes before one for the person.
  const reason = correction === undefined ? body.reason?.trim() : requireCorrectionReason(body.reason);
  if (changes.safeContactNumber !== undefined && current.panel.kind !== 'marac') {
    throw invalid('safeContactNumber', CASE_RULES.maracOnlyField, 'a safe contact number is held on MARAC cases only');
  }
  const context = commandContextFor(principal, request, body.occurredAt);
  requireDetailsDatedOnCase(current, context.occurredAt, context.now);
  const onRecord = await recordOfThisWrite(store, current, Object.keys(changes).length > 0, correction !== undefined);
  // On an IOM case the records the monthly upload brought in for it are the case's too.
  const alongside =
    correction === undefined || current.panel.kind !== 'iom'
      ? []
      : await uploadRecordsAlongside(store, current, onRecord, context.now);
  if (correction !== undefined) {
    await requireNoIdentifierConflict(
      people,
      { ...onRecord, alsoCorrected: alongside.map((other) => other.record.recordId) },
      correction,
    );
  }
  const plan =
    correction === undefined || alongside.length === 0
      ? undefined
      : correctionsAcrossCase(
          { record: onRecord, identifiers: await identifiersHeldOn(store, current, onRecord) },
          alongside,
          correction,
        );
  const write = (record: RecordOfCase, details: object, removed: readonly string[] | undefined) =>
    recordDetailsThroughCase(
      store,
      current,
      details as Partial<PersonDetails>,
      context,
      {
        ...(removed === undefined || removed.length === 0 ? {} : { identifiersRemoved: removed as IdentifierField[] }),
        ...(reason === undefined || reason === '' ? {} : { reason }),
      },
      record,
    ).catch((error: unknown) => {
      throw inClientNames(error);
    });
  const ownRemoved = plan?.own.removed ?? correction?.removed;
  const given = correction === undefined ? changes : { ...changes, identifiers: correction.set };
  let result = await write(onRecord, given, ownRemoved);
  const eventTypes = [...result.eventTypes];
  for (const other of plan?.others ?? []) {
    const written = await write(other.record, { identifiers: other.set }, other.removed);
    eventTypes.push(...written.eventTypes);
    if (written.position !== undefined) result = { ...result, position: written.position };
  }
  return answerDetailsWritten(route, { ...result, eventTypes }, correction?.set, current.revision, context);
}

/**
 * Identifiers go on the record the case's own referral brought in, the other details on the
 * panel's first record (`recordOfCase`). A body giving both is written in one event only when they
 * are one record; otherwise it is refused whole (400 `identifiers-sent-alone`) rather than written
 * half, on two streams that could not be appended together.
 */
async function recordOfThisWrite(
  store: EventStore,
  current: Awaited<ReturnType<typeof loadCase>>,
  details: boolean,
  identifiers: boolean,
): Promise<RecordOfCase> {
  const forIdentifiers = identifiers ? await identifierRecordOfCase(store, current) : undefined;
  if (forIdentifiers !== undefined && !details) return forIdentifiers;
  const forDetails = await recordOfCase(store, current);
  if (forIdentifiers !== undefined && forIdentifiers.recordId !== forDetails.recordId) {
    throw invalid(
      'identifiers',
      PERSON_RULES.identifiersSentAlone,
      "send identifiers in a request of their own: through this case they are corrected on the record its referral brought in, while the other details go on another record, the one its panel's details are read from",
    );
  }
  return forDetails;
}
