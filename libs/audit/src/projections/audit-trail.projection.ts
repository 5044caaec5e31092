import type { ProjectionDefinition } from '../../../read-models/src/projection-definition';
import { TrailWriter, trailStatements } from './trail-entry';
import { createTrailIndexes, createTrailTables } from './trail-schema';

export const AUDIT_TRAIL_PROJECTION = 'audit_trail';

/**
 * Every event of the log as one trail entry: writes (action = event type) and reads (the audit
 * context's `audit-<day>` streams, action = case-viewed, search, ...). Entries carry only what
 * their event names; who else they concern (the people of the cases they touch) is worked out
 * when the trail is queried (`audit-trail.query.ts`), so a rebuild writes little per event.
 */
export const auditTrailProjection: ProjectionDefinition = {
  name: AUDIT_TRAIL_PROJECTION,
  // 3: id lists (`personIds`, `caseIds`, `…PersonIds`) count as named, so match reviews' events
  // reach both people and a split's moved cases reach the trail of each case.
  // 4: a case's people carry their role (subject or named), and an entry about a case takes the
  // case's subject as its person rather than the first person it names.
  // 5: a view's read detail keeps its `access` (the panel or disclosures it was shown through).
  // Views have recorded it since version 4 was made, so a database built at 4 dropped it.
  // 6: a person view's own person is the person viewed, not the subject of the first case it
  // lists (a coordinator's view of a perpetrator was entered under the victim).
  // 7: `stretches` holds the earliest and latest `at` of every 1,024 positions, so a time filter
  // becomes a range of positions (the whole trail was scanned, or an agency's entries all sorted).
  // 8: a refused view's read detail keeps its `refused` (attempted read, route, status, rule);
  // `access-refused` entries are recorded from this version on.
  // 9: a meeting held is filed under the cases it discussed (`casesDiscussed`), a meeting called
  // off under its agenda's cases, and a revocation under its entry's case and person (older
  // revocations name neither: `stream_subjects` keeps them from the entry's first event).
  version: 9,
  migrate: createTrailTables,
  apply(db, event) {
    const writer = new TrailWriter(db.statements(trailStatements));
    writer.record(event);
    writer.finish();
  },
  applyBatch(db, events) {
    const writer = new TrailWriter(db.statements(trailStatements));
    for (const event of events) writer.record(event);
    writer.finish();
  },
  indexes: createTrailIndexes,
};

export const auditProjections: readonly ProjectionDefinition[] = [auditTrailProjection];
