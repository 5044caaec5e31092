import { randomUUID } from 'node:crypto';
import { ReadModelDatabase } from '../../../read-models/src/read-model-database';
import { ReadModelFixture } from '../../../read-models/src/testing/read-model-fixture';
import { auditTrailProjection } from './audit-trail.projection';
import { AuditTrailQuery } from './audit-trail.query';

const ANALYST = { id: 'user-1', name: 'Synthetic Analyst', agency: 'Haringey Council', roles: [] };
const SEARCHES = 12;
/** Each search listed this many people, as a listing of overlaps does: about 15,000 characters of ids. */
const LISTED = 400;

let fixture: ReadModelFixture;
let trail: AuditTrailQuery;

beforeAll(async () => {
  fixture = new ReadModelFixture();
  for (let i = 0; i < SEARCHES; i++) {
    const at = new Date(Date.UTC(2024, 4, 1, 9, i)).toISOString();
    const metadata = { actor: ANALYST, correlationId: `c${i}`, causationId: `c${i}`, occurredAt: at, recordedAt: at };
    const personIds = Array.from({ length: LISTED }, () => randomUUID());
    await fixture.store.append(
      'audit-2024-05-01',
      [
        {
          id: randomUUID(),
          type: 'search',
          data: { caseIds: [], personIds },
          metadata: { ...metadata, schemaVersion: 1 },
        },
      ],
      { expected: 'any' },
    );
  }
  const db = fixture.open();
  await fixture.runtime(db, [auditTrailProjection]).catchUp();
  trail = new AuditTrailQuery(new ReadModelDatabase(db));
});
afterAll(() => fixture.cleanUp());

describe('a trail page with a size budget', () => {
  it('stops early with next once its items would pass the budget, and the next page carries on', () => {
    const budget = 40_000;
    const seen: string[] = [];
    let after: bigint | undefined;
    for (;;) {
      const page = trail.page({ limit: 100, budget, ...(after === undefined ? {} : { after }) });
      expect(JSON.stringify(page.items).length).toBeLessThanOrEqual(budget);
      expect(page.items.length).toBeGreaterThan(0);
      // Every id the search listed is on the page: who was shown is what an auditor asks.
      for (const item of page.items) expect(item.personIds).toHaveLength(LISTED);
      seen.push(...page.items.map((item) => item.position));
      if (page.next === undefined) break;
      expect(page.items.length).toBeLessThan(SEARCHES);
      after = BigInt(page.next);
    }
    expect(seen).toEqual(Array.from({ length: SEARCHES }, (_, i) => String(i)));
  });

  it('always gives one item, however large, and without a budget the limit alone counts', () => {
    const one = trail.page({ limit: 100, budget: 10 });
    expect(one.items.map((item) => item.position)).toEqual(['0']);
    expect(one.next).toBe('0');
    const whole = trail.page({ limit: 100 });
    expect(whole.items).toHaveLength(SEARCHES);
    expect(whole.next).toBeUndefined();
  });
});
