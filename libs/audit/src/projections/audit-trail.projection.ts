import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import type { ProjectionDatabase, ProjectionDefinition } from '../../../read-models/src/projection-definition';
import { AUDIT_STREAM_CATEGORY } from '../application/read-audit-event';
import { returnedIds } from '../application/returned-ids';

export const AUDIT_TRAIL_PROJECTION = 'audit_trail';

/** Person-key claims hold salted hashes only; they are sealed in the chain but are not a trail entry. */
const INTERNAL_STREAM_PREFIXES = ['personkey-'];

const statements = (db: ProjectionDatabase) => ({
  insertEntry: db.prepare<
    unknown,
    [
      bigint,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      bigint,
      string | null,
      string | null,
      string | null,
      string,
    ]
  >(
    `INSERT INTO ${db.table('entries')}
       (position, at, actor_id, actor_name, actor_agency, action, kind, event_id, stream, revision,
        case_id, person_id, purpose, detail)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  link: db.prepare<unknown, [string, string, bigint]>(
    `INSERT OR IGNORE INTO ${db.table('subjects')} (kind, id, position) VALUES (?, ?, ?)`,
  ),
  addCasePerson: db.prepare<unknown, [string, string]>(
    `INSERT OR IGNORE INTO ${db.table('case_people')} (case_id, person_id) VALUES (?, ?)`,
  ),
  setCasePanel: db.prepare<unknown, [string, string]>(
    `INSERT OR REPLACE INTO ${db.table('case_panels')} (case_id, panel) VALUES (?, ?)`,
  ),
  peopleOfCase: db
    .prepare<string, [string]>(`SELECT person_id FROM ${db.table('case_people')} WHERE case_id = ?`)
    .pluck(),
});

const idAfter = (prefix: string, stream: string): string | undefined =>
  stream.startsWith(prefix) && stream.length > prefix.length ? stream.slice(prefix.length) : undefined;

const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * Every event of the log as one trail entry: writes (action = event type) and reads (the audit
 * context's `audit-<day>` streams, action = case-viewed, search, ...). Each entry is linked to the
 * cases and people it concerns, so an auditor can ask by person or case; a case's people are
 * known from its referral, so a later view of the case is found under the person too.
 */
export const auditTrailProjection: ProjectionDefinition = {
  name: AUDIT_TRAIL_PROJECTION,
  version: 1,
  migrate(db) {
    db.exec(`
      CREATE TABLE ${db.table('entries')} (
        position INTEGER PRIMARY KEY, at TEXT NOT NULL, actor_id TEXT NOT NULL, actor_name TEXT NOT NULL,
        actor_agency TEXT NOT NULL, action TEXT NOT NULL, kind TEXT NOT NULL, event_id TEXT NOT NULL,
        stream TEXT NOT NULL, revision INTEGER NOT NULL, case_id TEXT, person_id TEXT, purpose TEXT,
        detail TEXT NOT NULL
      );
      CREATE INDEX ${db.table('entries_by_actor')} ON ${db.table('entries')} (actor_id, position);
      CREATE INDEX ${db.table('entries_by_agency')} ON ${db.table('entries')} (actor_agency, position);
      CREATE INDEX ${db.table('entries_by_action')} ON ${db.table('entries')} (action, position);
      CREATE TABLE ${db.table('subjects')} (
        kind TEXT NOT NULL, id TEXT NOT NULL, position INTEGER NOT NULL, PRIMARY KEY (kind, id, position)
      ) WITHOUT ROWID;
      CREATE TABLE ${db.table('case_people')} (
        case_id TEXT NOT NULL, person_id TEXT NOT NULL, PRIMARY KEY (case_id, person_id)
      ) WITHOUT ROWID;
      CREATE INDEX ${db.table('case_people_by_person')} ON ${db.table('case_people')} (person_id);
      CREATE TABLE ${db.table('case_panels')} (case_id TEXT PRIMARY KEY, panel TEXT NOT NULL) WITHOUT ROWID;
    `);
  },
  apply(db, event: RecordedEvent) {
    if (INTERNAL_STREAM_PREFIXES.some((prefix) => event.stream.startsWith(prefix))) return;
    const s = db.statements(statements);
    const isRead = event.stream.startsWith(`${AUDIT_STREAM_CATEGORY}-`);
    const data = (typeof event.data === 'object' && event.data !== null ? event.data : {}) as Record<string, unknown>;
    const found = returnedIds(event.data);
    const caseIds = new Set<string>(isRead ? ((data['caseIds'] as string[] | undefined) ?? []) : found.caseIds);
    const personIds = new Set<string>(isRead ? ((data['personIds'] as string[] | undefined) ?? []) : found.personIds);
    const streamCase = idAfter('case-', event.stream);
    if (streamCase !== undefined) caseIds.add(streamCase);
    const streamPerson = idAfter('person-', event.stream);
    if (streamPerson !== undefined) personIds.add(streamPerson);

    if (event.type === 'referral-made' && streamCase !== undefined) {
      for (const person of found.personIds) s.addCasePerson.run(streamCase, person);
      const panel = asString(data['panelCode']);
      if (panel !== undefined) s.setCasePanel.run(streamCase, panel);
    }
    for (const caseId of caseIds) for (const person of s.peopleOfCase.all(caseId)) personIds.add(person);

    const { actor, recordedAt, occurredAt, correlationId } = event.metadata;
    const detail = isRead
      ? {
          ...(data['parameters'] === undefined ? {} : { parameters: data['parameters'] }),
          ...(data['resultCount'] === undefined ? {} : { resultCount: data['resultCount'] }),
          ...(data['subject'] === undefined ? {} : { subject: data['subject'] }),
          caseIds: [...caseIds],
          personIds: [...personIds],
          correlationId,
        }
      : { occurredAt, correlationId, caseIds: [...caseIds], personIds: [...personIds] };
    s.insertEntry.run(
      event.position,
      recordedAt,
      actor.id,
      actor.name,
      actor.agency,
      event.type,
      isRead ? 'read' : 'write',
      event.id,
      event.stream,
      event.revision,
      streamCase ?? [...caseIds][0] ?? null,
      streamPerson ?? asString(data['personId']) ?? [...personIds][0] ?? null,
      isRead ? (asString(data['purpose']) ?? null) : null,
      JSON.stringify(detail),
    );
    for (const caseId of caseIds) s.link.run('case', caseId, event.position);
    for (const personId of personIds) s.link.run('person', personId, event.position);
  },
};

export const auditProjections: readonly ProjectionDefinition[] = [auditTrailProjection];
