import type { ProjectionDefinition } from '../projection-definition';
import type { ReadModelFixture } from './read-model-fixture';
import { dumpProjection, type TableDump } from './table-dump';

/** The projection as the runtime runs one without `applyBatch`: `apply`, event by event. */
export function withoutApplyBatch(projection: ProjectionDefinition): ProjectionDefinition {
  const { applyBatch: _batched, ...rest } = projection;
  return rest;
}

/**
 * The tables `projection` leaves after a rebuild from the fixture's log into a file of its own,
 * in batches of `batchSize` (the runtime's default when omitted): what `applyBatch` specs compare
 * with the event-by-event result at several batch sizes.
 */
export async function tablesAfterRebuild(
  fixture: ReadModelFixture,
  projection: ProjectionDefinition,
  batchSize?: number,
): Promise<TableDump> {
  const file = `${projection.name}-${projection.applyBatch ? 'batched' : 'single'}-${batchSize ?? 'default'}.sqlite`;
  const db = fixture.open(file);
  await fixture.runtime(db, [projection], batchSize === undefined ? {} : { batchSize }).rebuild();
  return dumpProjection(db, projection.name);
}
