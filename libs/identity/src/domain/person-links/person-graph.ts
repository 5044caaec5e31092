import type { MatchEvent, PersonSplit } from './identity-events';
import {
  confirmationEffect,
  recordedRegistrations,
  rejectionStands,
  type ConfirmationEffect,
  type StandingRejection,
} from './merge-rule';

/** What a `person-split` changes in the graph (older events carry no `mergedWhileOne`). */
export type GraphSplit = Pick<PersonSplit['data'], 'intoPersonId' | 'restored' | 'recordIds' | 'caseIds'> &
  Partial<Pick<PersonSplit['data'], 'mergedWhileOne'>>;

/**
 * Who each person id, record and case belongs to now. A merge points the merged person at the
 * survivor; a split either clears that pointer (restore) or moves named records and cases to
 * another person. Nothing is rewritten, so undoing a merge restores exactly what was there.
 */
export class PersonGraph {
  private readonly mergedInto = new Map<string, string>();
  private readonly registeredAt = new Map<string, number>();
  private readonly recordOrigin = new Map<string, string>();
  private readonly recordMovedTo = new Map<string, string>();
  private readonly caseOrigin = new Map<string, string>();
  private readonly caseMovedTo = new Map<string, string>();
  private readonly standing = new Map<string, StandingRejection>();
  /** As confirmations recorded them: the merge rule reads only these (see `RecordedRegistrations`). */
  private readonly recordedRegistration = new Map<string, number>();

  registerPerson(personId: string, position: number): void {
    if (!this.registeredAt.has(personId)) this.registeredAt.set(personId, position);
  }

  registrationOf(personId: string): number | undefined {
    return this.registeredAt.get(personId);
  }

  addRecord(recordId: string, personId: string): void {
    this.recordOrigin.set(recordId, personId);
  }

  addCase(caseId: string, personId: string): void {
    this.caseOrigin.set(caseId, personId);
  }

  /** The person an id stands for now, following merges (bounded, so a corrupt cycle cannot hang). */
  current(personId: string): string {
    let id = personId;
    for (let hops = 0; hops < 1000; hops++) {
      const next = this.mergedInto.get(id);
      if (next === undefined) return id;
      id = next;
    }
    return id;
  }

  /**
   * Folds a reviewer's decision by the shared merge rule (see merge-rule.ts), so this graph agrees
   * with the person index on who is one person. Answers what a confirmation did.
   */
  applyDecision(event: MatchEvent): ConfirmationEffect | undefined {
    switch (event.type) {
      case 'match-confirmed': {
        for (const [id, position] of recordedRegistrations(event.data))
          if (!this.recordedRegistration.has(id)) this.recordedRegistration.set(id, position);
        const effect = confirmationEffect(event.data, {
          current: (id) => this.current(id),
          standingRejections: () => this.standing.values(),
          registrationOf: (id) => this.recordedRegistration.get(id),
        });
        if (effect.merges) this.mergedInto.set(effect.mergedId, effect.survivorId);
        return effect;
      }
      case 'match-rejected':
        if (rejectionStands(event.data.personIds, this))
          this.standing.set(event.data.proposalId, {
            proposalId: event.data.proposalId,
            personIds: event.data.personIds,
          });
        return undefined;
      case 'match-reopened':
        this.standing.delete(event.data.proposalId);
        return undefined;
      default:
        return undefined;
    }
  }

  /**
   * An unmerge also merges into the restored person each person merged in while the two were one
   * that it sorted to them: with all they hold, as the person index folds it.
   */
  split({ intoPersonId, restored, recordIds, caseIds, mergedWhileOne }: GraphSplit): void {
    if (restored) this.mergedInto.delete(intoPersonId);
    for (const recordId of recordIds ?? []) this.recordMovedTo.set(recordId, intoPersonId);
    for (const caseId of caseIds ?? []) this.caseMovedTo.set(caseId, intoPersonId);
    if (!restored) return;
    for (const { personId, to } of mergedWhileOne ?? [])
      if (to === intoPersonId && personId !== intoPersonId && this.mergedInto.has(personId))
        this.mergedInto.set(personId, intoPersonId);
  }

  personOfRecord(recordId: string): string | undefined {
    const home = this.recordMovedTo.get(recordId) ?? this.recordOrigin.get(recordId);
    return home === undefined ? undefined : this.current(home);
  }

  personOfCase(caseId: string): string | undefined {
    const home = this.caseMovedTo.get(caseId) ?? this.caseOrigin.get(caseId);
    return home === undefined ? undefined : this.current(home);
  }

  /** Every person id that now stands for `personId`'s person, other than the current one. */
  mergedPeopleOf(personId: string): string[] {
    const root = this.current(personId);
    return [...this.mergedInto.keys()].filter((id) => id !== root && this.current(id) === root);
  }
}
