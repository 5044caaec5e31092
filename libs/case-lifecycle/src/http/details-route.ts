import type { Request, Response } from 'express';
import { WrongExpectedRevisionError } from '../../../event-store/src/port/errors';
import type { EventStore } from '../../../event-store/src/port/event-store';
import type { Principal } from '../../../platform/src/auth/principal';
import { parseIfMatch } from '../../../platform/src/http/if-match';
import { caseFrom } from '../application/case-command';
import { requirePanelMember } from '../application/panel-access';
import type { CommandContext } from '../../../command-handling/src/command-context';
import { exposePosition } from '../../../platform/src/http/position-header';
import { correctsIdentifiers } from '../application/person-resolution/identifier-corrections';
import { caseStream, type PersonIdentifiers } from '../domain';

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

/** What the writes of one details request came to: the record corrected, its holder, every event, the last position. */
export interface DetailsWritten {
  readonly recordId: string;
  readonly personId: string;
  readonly eventTypes: readonly string[];
  readonly position: bigint | undefined;
}

/**
 * The answer to a details request once written. A value set that another person holds is never a
 * link: the pair is put to a reviewer, as a referral carrying it would be (`match-proposed` ends
 * `events`). Recording details leaves the case's revision as it was: the ETag the client may pin next.
 */
export async function answerDetailsWritten(
  { caseId, response, people }: Pick<DetailsRoute<unknown>, 'caseId' | 'response' | 'people'>,
  written: DetailsWritten,
  identifiersSet: PersonIdentifiers | undefined,
  caseRevision: bigint,
  context: CommandContext,
) {
  const proposed =
    identifiersSet === undefined || Object.keys(identifiersSet).length === 0 || !correctsIdentifiers(people)
      ? undefined
      : await people.proposeOnIdentifiersSet(written.recordId, identifiersSet, context);
  const position = exposePosition(response, proposed ?? written.position, caseRevision);
  return {
    caseId,
    personId: written.personId,
    events: proposed === undefined ? [...written.eventTypes] : [...written.eventTypes, 'match-proposed'],
    position: position === undefined ? null : Number(position),
  };
}
