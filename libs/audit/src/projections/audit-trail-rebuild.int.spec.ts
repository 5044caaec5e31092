import type { ProjectionDefinition } from '../../../read-models/src/projection-definition';
import { seededRandom } from '../../../read-models/src/testing/random-log';
import { ReadModelFixture } from '../../../read-models/src/testing/read-model-fixture';
import { dumpProjection } from '../../../read-models/src/testing/table-dump';
import { auditTrailProjection } from './audit-trail.projection';
import { appendRandomTrailLog } from './testing/random-trail-log';

const EVENTS = 3_000;
const fixture = new ReadModelFixture();
afterAll(() => fixture.cleanUp());

describe('audit_trail rebuilt in batches', () => {
  it('leaves exactly the tables apply does, one event at a time, wherever batch boundaries fall', async () => {
    await appendRandomTrailLog(fixture.store, EVENTS, seededRandom(2718));
    const tablesAfterRebuild = async (projection: ProjectionDefinition, batchSize?: number) => {
      const db = fixture.open(
        `batches-of-${batchSize ?? 'default'}-${projection.applyBatch ? 'batched' : 'single'}.sqlite`,
      );
      await fixture.runtime(db, [projection], batchSize === undefined ? {} : { batchSize }).rebuild();
      return dumpProjection(db, auditTrailProjection.name);
    };
    const { applyBatch: _batched, ...eventByEvent } = auditTrailProjection;
    const expected = await tablesAfterRebuild(eventByEvent);

    // Every kind of row is there to compare; person-key claims are the only events left out.
    const rows = (table: string) => expected[table]?.length ?? 0;
    expect(rows('entries')).toBeGreaterThan(EVENTS * 0.9);
    expect(rows('entries')).toBeLessThan(EVENTS);
    for (const table of ['acts', 'subjects', 'case_people', 'case_panels']) expect(rows(table)).toBeGreaterThan(10);

    for (const batchSize of [1, 13, 10_000]) {
      expect({ batchSize, tables: await tablesAfterRebuild(auditTrailProjection, batchSize) }).toEqual({
        batchSize,
        tables: expected,
      });
    }
  });
});
