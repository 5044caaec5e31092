import { tablesAfterRebuild, withoutApplyBatch } from '../../../read-models/src/testing/batch-equivalence';
import { seededRandom } from '../../../read-models/src/testing/random-log';
import { ReadModelFixture } from '../../../read-models/src/testing/read-model-fixture';
import { auditTrailProjection } from './audit-trail.projection';
import { appendRandomTrailLog } from './testing/random-trail-log';

const EVENTS = 3_000;
const fixture = new ReadModelFixture();
afterAll(() => fixture.cleanUp());

describe('audit_trail rebuilt in batches', () => {
  it('leaves exactly the tables apply does, one event at a time, wherever batch boundaries fall', async () => {
    await appendRandomTrailLog(fixture.store, EVENTS, seededRandom(2718));
    const expected = await tablesAfterRebuild(fixture, withoutApplyBatch(auditTrailProjection));

    // Every kind of row is there to compare; person-key claims are the only events left out.
    const rows = (table: string) => expected[table]?.length ?? 0;
    expect(rows('entries')).toBeGreaterThan(EVENTS * 0.9);
    expect(rows('entries')).toBeLessThan(EVENTS);
    for (const table of ['acts', 'subjects', 'case_people', 'case_panels', 'stream_subjects'])
      expect(rows(table)).toBeGreaterThan(10);

    for (const batchSize of [1, 13, 10_000]) {
      expect({ batchSize, tables: await tablesAfterRebuild(fixture, auditTrailProjection, batchSize) }).toEqual({
        batchSize,
        tables: expected,
      });
    }
  });
});
