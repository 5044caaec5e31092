/**
 * Whom an exported event is about as the whole log knows it when the export runs: the identity
 * context's own fold (`PersonGraph`, the shared merge rule), as `PeopleNow` gives the reports. A
 * confirmed match makes two ids one person unless a rejection standing earlier in the log keeps
 * them apart; a restoring split undoes it; a split that moves a case or a person's registration
 * record gives it to another person. `PeopleNow` answers for cases only; the export also names
 * people by id (the perpetrator, a person's own details), hence the graph itself.
 * Pure: fed events by the caller, no I/O.
 */
import {
  IDENTITY_STREAM_PREFIX,
  MATCH_STREAM_PREFIX,
  PersonGraph,
  type MatchEvent,
  type PersonSplit,
} from '../../../../identity/src/domain/person-links';

/** A person as an event recorded them: about a case (which a split may move), or by id. */
export type RecordedPerson = { readonly caseId: string; readonly personId: string } | { readonly personId: string };

export class PeopleAtExport {
  private readonly graph = new PersonGraph();

  /** Reads the referrals, reviewers' decisions and splits; every other event is ignored. */
  add(event: { readonly stream: string; readonly type: string; readonly data: unknown }): void {
    if (event.stream.startsWith(MATCH_STREAM_PREFIX)) {
      this.graph.applyDecision({ type: event.type, data: event.data } as MatchEvent);
    } else if (event.stream.startsWith(IDENTITY_STREAM_PREFIX) && event.type === 'person-split') {
      this.graph.split(event.data as PersonSplit['data']);
    }
  }

  caseReferred(caseId: string, personId: string): void {
    this.graph.addCase(caseId, personId);
  }

  /** The person id that stands for `recorded` now. */
  readonly now = (recorded: RecordedPerson): string =>
    ('caseId' in recorded ? this.graph.personOfCase(recorded.caseId) : undefined) ??
    // A person's registration record is kept under their id, and a split may move it.
    this.graph.personOfRecord(recorded.personId) ??
    this.graph.current(recorded.personId);
}
