import type { RecordedEvent } from '../../../../event-store/src/port/event-envelope';
import type { PerpetratorNaming } from '../../../../identity/src/domain/person-links';
import { CASE_STREAM_PREFIX } from '../../domain/stream-names';
import { perpetratorRecordNamedBy } from './records-named';

/** Whom a MARAC referral named as perpetrator, and the record it brought in for them. */
interface Named {
  readonly panel: string;
  readonly personId: string;
  readonly recordId?: string;
}

/** Who each id and record stands for now (the resolver's person graph). */
export interface PeopleNow {
  current(personId: string): string;
  personOfRecord(recordId: string): string | undefined;
}

/**
 * Whom each MARAC case names as perpetrator, from its `referral-made`: the person named and the
 * record brought in for them, which a split moves the naming with, as the person index's
 * `perpetrator_moved_to` does. With the cases a person holds now (`CaseHomes`), the resolver keeps
 * a victim and the perpetrator her case names apart exactly as the review queue does.
 */
export class PerpetratorNamings {
  private readonly named = new Map<string, Named>();

  apply(event: RecordedEvent): void {
    if (event.type !== 'referral-made' || !event.stream.startsWith(CASE_STREAM_PREFIX)) return;
    const { caseId, personId, panelCode, details } = event.data as {
      caseId: string;
      personId: string;
      panelCode: string;
      details?: { kind?: unknown; perpetrator?: { personId?: unknown } };
    };
    // Read from the log as written: a referral recorded without details names no one.
    if (details?.kind !== 'marac' || this.named.has(caseId)) return;
    const perpetrator = details.perpetrator?.personId;
    // Named as the victim herself (before such forms were refused): that names no one else.
    if (typeof perpetrator !== 'string' || perpetrator === personId) return;
    const recordId = perpetratorRecordNamedBy(event.metadata);
    this.named.set(caseId, {
      panel: panelCode,
      personId: perpetrator,
      ...(recordId === undefined ? {} : { recordId }),
    });
  }

  /** The namings of `cases`, all about `victim` now, each with whom it names as they are now. */
  about(victim: string, cases: Iterable<string>, people: PeopleNow): PerpetratorNaming[] {
    return [...cases].flatMap((caseId) => {
      const named = this.named.get(caseId);
      if (named === undefined) return [];
      const byRecord = named.recordId === undefined ? undefined : people.personOfRecord(named.recordId);
      return [{ caseId, panel: named.panel, victim, perpetrator: byRecord ?? people.current(named.personId) }];
    });
  }

  /**
   * The MARAC cases whose record of their perpetrator `holder` holds now (after merges and
   * splits), each with the record and whom the referral named (the record's identity stream).
   */
  recordsHeldBy(holder: string, people: PeopleNow): NamedRecord[] {
    return [...this.named].flatMap(([caseId, { panel, personId, recordId }]) =>
      recordId !== undefined && people.personOfRecord(recordId) === holder
        ? [{ caseId, panel, recordId, namedPersonId: personId }]
        : [],
    );
  }
}

/** A record a MARAC referral brought in for the perpetrator it names. */
export interface NamedRecord {
  readonly caseId: string;
  readonly panel: string;
  readonly recordId: string;
  /** The person the referral named: a linked record lives on their identity stream. */
  readonly namedPersonId: string;
}
