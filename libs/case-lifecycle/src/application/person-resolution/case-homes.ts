import type { RecordedEvent } from '../../../../event-store/src/port/event-envelope';
import { IDENTITY_STREAM_PREFIX } from '../../../../identity/src/domain/person-links';
import { CASE_STREAM_PREFIX } from '../../domain/stream-names';

/** The cases a person holds now, and whether a case is known at all (see `CaseHomes.placing`). */
export interface CasesOfPerson {
  /** Every id that stands for the person now, the current one first (as `idsStandingFor`). */
  readonly ids: readonly string[];
  /** The cases about the person now, after merges and splits (restoring or not). */
  readonly cases: ReadonlySet<string>;
  /** Whether the case has been opened: an unknown one (still being opened) is placed by its note. */
  readonly known: (caseId: string) => boolean;
}

/**
 * Whom each case was referred about (`referral-made`) and where splits have moved it since: the
 * same placing as the person index's `personOfCase`, kept by a resolver from the log it already
 * follows, so the repeat rule reads a person's cases as they are now. Merges need nothing here:
 * a case stays with the id it was referred about, which follows the merge.
 */
export class CaseHomes {
  private readonly homeOf = new Map<string, string>();
  private readonly casesAt = new Map<string, Set<string>>();

  apply(event: RecordedEvent): void {
    if (event.type === 'referral-made' && event.stream.startsWith(CASE_STREAM_PREFIX)) {
      const { caseId, personId } = event.data as { caseId?: unknown; personId?: unknown };
      if (typeof caseId === 'string' && typeof personId === 'string' && !this.homeOf.has(caseId))
        this.place(caseId, personId);
    } else if (event.type === 'person-split' && event.stream.startsWith(IDENTITY_STREAM_PREFIX)) {
      const { intoPersonId, caseIds } = event.data as { intoPersonId: string; caseIds?: readonly string[] };
      for (const caseId of caseIds ?? []) this.place(caseId, intoPersonId);
    }
  }

  /** The cases of the person `ids` stand for (every id whose current person is theirs). */
  placing(ids: readonly string[]): CasesOfPerson {
    const cases = new Set(ids.flatMap((id) => [...(this.casesAt.get(id) ?? [])]));
    return { ids, cases, known: (caseId) => this.homeOf.has(caseId) };
  }

  private place(caseId: string, personId: string): void {
    const before = this.homeOf.get(caseId);
    if (before !== undefined) this.casesAt.get(before)?.delete(caseId);
    this.homeOf.set(caseId, personId);
    const at = this.casesAt.get(personId) ?? new Set<string>();
    at.add(caseId);
    this.casesAt.set(personId, at);
  }
}
