import type { ReadModelDatabase } from '../../../read-models/src/read-model-database';
import type { AccessBasis } from '../application/access-basis';
import { AUDIT_TRAIL_PROJECTION } from './audit-trail.projection';
import { CASE_STREAM, type CaseRole, READ_STREAM } from './trail-entry';

export interface TrailItem {
  readonly position: string;
  readonly at: string;
  readonly actor: { readonly id: string; readonly name: string; readonly agency: string };
  readonly action: string;
  readonly kind: 'read' | 'write';
  readonly caseId?: string;
  readonly personId?: string;
  readonly purpose?: string;
  readonly caseIds: readonly string[];
  readonly personIds: readonly string[];
  readonly stream: string;
  readonly revision: number;
  readonly eventId: string;
  readonly occurredAt?: string;
  readonly correlationId?: string;
  readonly parameters?: unknown;
  /** Which review, case, person or panel a read's route was asked for. */
  readonly pathParameters?: Readonly<Record<string, string>>;
  readonly resultCount?: number;
  readonly subject?: string;
  /** On what footing a case or person view was shown: a panel of the reader's, or disclosures. */
  readonly access?: AccessBasis;
  /** A refused case or person view (`access-refused`): what was attempted and how it was answered. */
  readonly refused?: RefusedDetail;
}

export interface RefusedDetail {
  readonly attempted: string;
  readonly route: string;
  readonly status: number;
  readonly rule: string;
}

/** An `entries` row with its act (who did what) joined in. */
export interface EntryRow {
  position: bigint;
  at: string;
  actor_id: string;
  actor_name: string;
  actor_agency: string;
  action: string;
  event_id: string;
  stream: string | null;
  revision: bigint;
  case_id: string | null;
  person_id: string | null;
  purpose: string | null;
  occurred_at: string | null;
  correlation_id: string | null;
  detail: string | null;
}

interface Subject {
  kind: 'case' | 'person';
  id: string;
}

interface CasePerson {
  person_id: string;
  since: bigint;
  role: CaseRole;
}

/**
 * Turns a page of entries into trail items, naming every case and person each concerns:
 *
 * - `caseIds`: the entry's own case (its stream's, else the first its data names), then the other
 *   cases its data names, in the order named;
 * - `personIds`: the entry's own person (its stream's, its data's `personId`, else the first it
 *   names), then the other people its data names, in the order named, then the people of each of
 *   those cases (recorded by the case's referral at or before the entry), case by case, each case's
 *   in id order; each id once. `personId` is the entry's own person, else the subject of its own
 *   case (the person the case's referral is about), else the first of these.
 *
 * (Version 1 of the projection listed a case stream's own case last rather than first.)
 *
 * One instance per page, so each case's people are read once per page.
 */
export class TrailItems {
  private readonly peopleByCase = new Map<string, readonly CasePerson[]>();

  constructor(private readonly readModels: ReadModelDatabase) {}

  /** The rows' items, in order, as many as fit in `budget` characters of JSON; always the first. */
  render(rows: readonly EntryRow[], budget = Infinity): TrailItem[] {
    const items: TrailItem[] = [];
    let used = 0;
    for (const row of rows) {
      const item = this.item(row);
      used += JSON.stringify(item).length;
      if (items.length > 0 && used > budget) break;
      items.push(item);
    }
    return items;
  }

  private item(row: EntryRow): TrailItem {
    const caseIds = row.case_id === null ? [] : [row.case_id];
    const personIds = row.person_id === null ? [] : [row.person_id];
    for (const { kind, id } of this.subjectsOf(row.position)) (kind === 'case' ? caseIds : personIds).push(id);
    for (const caseId of caseIds) {
      for (const { person_id, since } of this.peopleOf(caseId)) {
        if (since <= row.position && !personIds.includes(person_id)) personIds.push(person_id);
      }
    }
    const stream = row.stream ?? `${CASE_STREAM}${row.case_id ?? ''}`;
    const kind = stream.startsWith(READ_STREAM) ? 'read' : 'write';
    const personId = row.person_id ?? this.subjectOf(caseIds[0], row.position) ?? personIds[0];
    const detail = row.detail === null ? {} : (JSON.parse(row.detail) as Record<string, unknown>);
    return {
      position: row.position.toString(),
      at: row.at,
      actor: { id: row.actor_id, name: row.actor_name, agency: row.actor_agency },
      action: row.action,
      kind,
      ...(row.case_id === null ? {} : { caseId: row.case_id }),
      ...(personId === undefined ? {} : { personId }),
      ...(row.purpose === null ? {} : { purpose: row.purpose }),
      caseIds,
      personIds,
      stream,
      revision: Number(row.revision),
      eventId: row.event_id,
      ...(kind === 'write' ? { occurredAt: row.occurred_at ?? row.at } : {}),
      ...(row.correlation_id === null ? {} : { correlationId: row.correlation_id }),
      ...(detail['parameters'] === undefined ? {} : { parameters: detail['parameters'] }),
      ...(typeof detail['pathParameters'] === 'object' && detail['pathParameters'] !== null
        ? { pathParameters: detail['pathParameters'] as Record<string, string> }
        : {}),
      ...(typeof detail['resultCount'] === 'number' ? { resultCount: detail['resultCount'] } : {}),
      ...(typeof detail['subject'] === 'string' ? { subject: detail['subject'] } : {}),
      ...(typeof detail['access'] === 'object' && detail['access'] !== null
        ? { access: detail['access'] as AccessBasis }
        : {}),
      ...(typeof detail['refused'] === 'object' && detail['refused'] !== null
        ? { refused: detail['refused'] as RefusedDetail }
        : {}),
    };
  }

  /** The cases and people an entry names besides its own, cases first, each in the order named. */
  private subjectsOf(position: bigint): Subject[] {
    return this.readModels
      .statement<
        Subject,
        [bigint]
      >(AUDIT_TRAIL_PROJECTION, (t) => `SELECT kind, id FROM ${t.table('subjects')} WHERE position = ? ORDER BY kind, named`)
      .all(position);
  }

  /** The person a case is about, once its referral is in the log at `position`. */
  private subjectOf(caseId: string | undefined, position: bigint): string | undefined {
    if (caseId === undefined) return undefined;
    return this.peopleOf(caseId).find((person) => person.role === 'subject' && person.since <= position)?.person_id;
  }

  private peopleOf(caseId: string): readonly CasePerson[] {
    let people = this.peopleByCase.get(caseId);
    if (people === undefined) {
      people = this.readModels
        .statement<CasePerson, [string]>(
          AUDIT_TRAIL_PROJECTION,
          (t) => `SELECT person_id, since, role FROM ${t.table('case_people')} WHERE case_id = ? ORDER BY person_id`,
        )
        .safeIntegers()
        .all(caseId);
      this.peopleByCase.set(caseId, people);
    }
    return people;
  }
}
