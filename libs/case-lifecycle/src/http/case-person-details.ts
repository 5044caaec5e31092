import type { Request, Response } from 'express';
import { conflict, invalid } from '../../../command-handling/src/rejections';
import { WrongExpectedRevisionError } from '../../../event-store/src/port/errors';
import type { EventStore } from '../../../event-store/src/port/event-store';
import type { Principal } from '../../../platform/src/auth/principal';
import { commandContextFor } from '../../../platform/src/http/command-context.factory';
import { parseIfMatch } from '../../../platform/src/http/if-match';
import { exposePosition } from '../../../platform/src/http/position-header';
import { loadCase } from '../application/case-command';
import { requirePanelMember } from '../application/panel-access';
import { recordDetailsThroughCase } from '../application/case-person-record';
import { CASE_RULES, caseStream, requireDetailsDatedOnCase, type PersonDetails } from '../domain';
import type { CasePersonDetailsDto } from './dto/person.dto';
import { namingOccurredAtOnlyWhenSent } from './unsent-occurred-at';

const FIELDS = ['address', 'postcode', 'safeContactNumber', 'disability', 'language'] as const;

export interface CasePersonDetailsRoute {
  readonly caseId: string;
  readonly body: CasePersonDetailsDto;
  readonly principal: Principal;
  readonly request: Request;
  readonly response: Response;
}

/** `POST /v1/cases/{caseId}/person-details`: new details of the case's subject, without a new referral. */
export function recordCasePersonDetails(store: EventStore, route: CasePersonDetailsRoute) {
  return namingOccurredAtOnlyWhenSent(route.body.occurredAt, () => record(store, route));
}

async function record(store: EventStore, { caseId, body, principal, request, response }: CasePersonDetailsRoute) {
  const pinned = parseIfMatch(request.headers['if-match']);
  const current = await loadCase(store, caseId);
  requirePanelMember(principal, current.panelCode, caseId);
  // The details go on the person's or identity stream, so the case's revision (its ETag, as on every
  // case command) is checked here rather than by the append: a client acting on a case it read
  // before someone else changed it is told so (412), not left to overwrite unseen work.
  if (pinned !== undefined && pinned !== current.revision) {
    throw new WrongExpectedRevisionError(caseStream(caseId), pinned, current.revision);
  }
  if (current.phase === 'closed' || current.phase === 'declined') {
    throw conflict(CASE_RULES.caseOpen, `case ${caseId} is ${current.phase}: record details through an open case`);
  }
  const changes: { -readonly [K in (typeof FIELDS)[number]]?: string } = {};
  for (const field of FIELDS) if (body[field] !== undefined) changes[field] = body[field];
  if (Object.keys(changes).length === 0) {
    throw invalid(FIELDS.join('|'), 'one-field-required', `send at least one of ${FIELDS.join(', ')}`);
  }
  if (changes.safeContactNumber !== undefined && current.panel.kind !== 'marac') {
    throw invalid('safeContactNumber', CASE_RULES.maracOnlyField, 'a safe contact number is held on MARAC cases only');
  }
  const context = commandContextFor(principal, request, body.occurredAt);
  requireDetailsDatedOnCase(current, context.occurredAt, context.now);
  const result = await recordDetailsThroughCase(store, current, changes as Partial<PersonDetails>, context);
  // Recording details leaves the case's revision as it was: the ETag the client may pin next.
  const position = exposePosition(response, result.position, current.revision);
  return {
    caseId,
    personId: result.personId,
    events: result.eventTypes,
    position: position === undefined ? null : Number(position),
  };
}
