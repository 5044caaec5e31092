import { ReadModelDatabase, ProjectionNotAvailableError } from './read-model-database';
import { CheckpointTable } from './checkpoint-table';
import { resetProjections } from './projection-reset';
import { runProjectorBlocking } from './testing/projector-child';
import { appendRandomEvents, seededRandom } from './testing/random-log';
import { ReadModelFixture } from './testing/read-model-fixture';
import { openItemsProjection } from './testing/sample-projections';

jest.setTimeout(30_000);

let fixture: ReadModelFixture;
beforeEach(async () => {
  fixture = new ReadModelFixture();
  await appendRandomEvents(fixture.store, 1_000, seededRandom(3));
  await fixture.runtime(fixture.open(), [openItemsProjection(1)]).catchUp();
});
afterEach(() => fixture.cleanUp());

const OPEN_ITEMS = (t: { table(local: string): string }) => `SELECT * FROM ${t.table('items')} ORDER BY stream`;

/**
 * An API and a worker share read-models.sqlite mid-deploy: the worker may commit a switch-over
 * after the API's query resolved the active version and before it prepared its SQL. The query's
 * SQL builder runs exactly there, so that is where the other process is made to commit.
 */
describe('a query racing a switch-over committed by another process', () => {
  // Cached: the statement was prepared by an earlier query and fails when run; not cached: it
  // fails when prepared.
  it.each([true, false])(
    'is prepared again against the version now active, and answers as before (statement cached: %s)',
    (cached) => {
      const reader = ReadModelDatabase.open(fixture.file());
      const before = fixture.open().prepare('SELECT * FROM open_items_v1_items ORDER BY stream').all();
      expect(before.length).toBeGreaterThan(10);
      if (cached) expect(reader.statement('open_items', OPEN_ITEMS).all()).toEqual(before);

      const resolved: number[] = [];
      const rows = reader
        .statement('open_items', (t) => {
          // Runs open_items v2 to its switch-over, which drops v1's tables, in a process of its own.
          if (resolved.length === 0) runProjectorBlocking(fixture, 'open-items-v2');
          resolved.push(t.version);
          return OPEN_ITEMS(t);
        })
        .all();

      expect(resolved).toEqual([1, 2]);
      expect(rows).toEqual(before);
      reader.close();
    },
  );

  it('answers 503 read-model-rebuilding when the view was reset for a rebuild from scratch meanwhile', () => {
    const reader = ReadModelDatabase.open(fixture.file());
    const writer = fixture.open();
    let reset = false;
    const query = () =>
      reader
        .statement('open_items', (t) => {
          if (!reset) resetProjections(writer, new CheckpointTable(writer), ['open_items']);
          reset = true;
          return OPEN_ITEMS(t);
        })
        .all();

    expect(query).toThrow(ProjectionNotAvailableError);
    expect(() => reader.statement('open_items', OPEN_ITEMS)).toThrow(
      expect.objectContaining({ response: expect.objectContaining({ rule: 'read-model-rebuilding' }) }) as Error,
    );
    reader.close();
  });

  it('still fails loudly on a table the version never had: a mistake in the query, not a race', () => {
    const reader = ReadModelDatabase.open(fixture.file());
    expect(() => reader.statement('open_items', (t) => `SELECT * FROM ${t.table('no_such')}`)).toThrow(
      /no such table: open_items_v1_no_such/,
    );
    reader.close();
  });
});
