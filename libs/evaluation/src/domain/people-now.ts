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

/** Whom cases are about now, and under which ids the log holds what is known of each person. */
export interface PeopleAsKnown {
  readonly personOfCase: PersonOfCase;
  /** The ids whose details are the person's now: `personId` itself first (see `PeopleNow.idsOf`). */
  idsOf(personId: string): readonly string[];
}

export const peopleAsRecorded: PeopleAsKnown = { personOfCase: asRecorded, idsOf: (personId) => [personId] };

export class PeopleNow implements PeopleAsKnown {
  private readonly graph = new PersonGraph();
  private readonly referredAbout = new Map<string, string>();
  private readonly everMerged = new Set<string>();
  /** Person now → their other ids (see `idsOf`), built once per state so a report asks cheaply. */
  private otherIds: Map<string, Set<string>> | undefined;

  caseReferred(caseId: string, personId: string): void {
    this.graph.addCase(caseId, personId);
    this.referredAbout.set(caseId, personId);
    this.otherIds = undefined;
  }

  matchDecided(event: MatchEvent): void {
    const effect = this.graph.applyDecision(event);
    if (effect?.merges === true) this.everMerged.add(effect.mergedId);
    this.otherIds = undefined;
  }

  split(data: PersonSplit['data']): void {
    this.graph.split(data);
    this.otherIds = undefined;
  }

  readonly personOfCase: PersonOfCase = (caseId, referralPersonId) =>
    this.graph.personOfCase(caseId) ?? this.graph.current(referralPersonId);

  /**
   * Every id standing for the person `personId` is now, their current id (the survivor of any
   * merge) first: ids merged into them, and the people their cases were referred about. A split
   * that moves a case to a new person registers nobody under the new id, so what the referral
   * recorded is all the log knows of them.
   */
  idsOf(personId: string): readonly string[] {
    const current = this.graph.current(personId);
    return [current, ...[...(this.otherIdsByPerson().get(current) ?? [])].filter((id) => id !== current)];
  }

  private otherIdsByPerson(): Map<string, Set<string>> {
    if (this.otherIds !== undefined) return this.otherIds;
    const byPerson = new Map<string, Set<string>>();
    const add = (person: string, id: string): void => {
      const ids = byPerson.get(person);
      if (ids === undefined) byPerson.set(person, new Set([id]));
      else ids.add(id);
    };
    // An id a restoring split gave back its own person stands for itself again, adding nothing.
    for (const id of this.everMerged) add(this.graph.current(id), id);
    for (const [caseId, referralPersonId] of this.referredAbout)
      add(this.personOfCase(caseId, referralPersonId), referralPersonId);
    this.otherIds = byPerson;
    return byPerson;
  }
}
