/**
 * Whom each case is about now, as the whole log knows it: the identity context's own fold
 * (`PersonGraph`, with the shared merge rule), so a report agrees with the person index on who is
 * one person. A confirmed match merges unless a rejection standing earlier in the log keeps the two
 * apart; a restoring split undoes a merge; a split that moves a case gives it to another person.
 * Pure: fed events by the caller, no I/O.
 */
import { PersonGraph, type MatchEvent, type PersonSplit } from '../../../identity/src/domain/person-links';

/** The person a case referred about `referralPersonId` is about now. */
export type PersonOfCase = (caseId: string, referralPersonId: string) => string;

/** The answer before any identity decision: everyone is the person recorded on the referral. */
export const asRecorded: PersonOfCase = (_caseId, referralPersonId) => referralPersonId;

export class PeopleNow {
  private readonly graph = new PersonGraph();

  caseReferred(caseId: string, personId: string): void {
    this.graph.addCase(caseId, personId);
  }

  matchDecided(event: MatchEvent): void {
    this.graph.applyDecision(event);
  }

  split(data: PersonSplit['data']): void {
    this.graph.split(data.intoPersonId, data.restored, data.recordIds, data.caseIds);
  }

  readonly personOfCase: PersonOfCase = (caseId, referralPersonId) =>
    this.graph.personOfCase(caseId) ?? this.graph.current(referralPersonId);
}
