import type { Request, Response } from 'express';
import { WrongExpectedRevisionError } from '../../../event-store/src/port/errors';
import type { EventStore } from '../../../event-store/src/port/event-store';
import type { Principal } from '../../../platform/src/auth/principal';
import { parseIfMatch } from '../../../platform/src/http/if-match';
import { caseFrom } from '../application/case-command';
import { requirePanelMember } from '../application/panel-access';
import { caseStream } from '../domain';

/** A request recording a person's details or identifiers through a case, on a person's or identity stream. */
export interface DetailsRoute<Body> {
  readonly caseId: string;
  readonly body: Body;
  readonly principal: Principal;
  readonly request: Request;
  readonly response: Response;
  /** The person resolver: it judges identifiers set against the person's other records and proposes pairs. */
  readonly people: object;
}

/**
 * The case, for a member of its panel (404 otherwise), at the revision the client pinned. The
 * details go on the person's or identity stream, so the case's revision (its ETag, as on every case
 * command) is checked here rather than by the append: a client acting on a case it read before
 * someone else changed it is told so (412), not left to overwrite unseen work.
 */
export async function pinnedCaseOfMember(
  store: EventStore,
  { caseId, principal, request }: Pick<DetailsRoute<unknown>, 'caseId' | 'principal' | 'request'>,
) {
  const pinned = parseIfMatch(request.headers['if-match']);
  const events = await store.readStream(caseStream(caseId));
  const current = caseFrom(events, caseId);
  requirePanelMember(principal, current.panelCode, caseId);
  if (pinned !== undefined && pinned !== current.revision) {
    throw new WrongExpectedRevisionError(caseStream(caseId), pinned, current.revision);
  }
  // Its first event is the referral, which names the records it brought in.
  return { ...current, referral: events[0] };
}
