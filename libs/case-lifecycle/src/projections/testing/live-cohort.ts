import type { ProjectionDefinition } from '../../../../read-models/src/projection-definition';
import { PersonIndexQuery } from '../../../../identity/src/application/person-index.query';
import { personIndexProjection } from '../../../../identity/src/projections/person-index.projection';
import { ReadModelDatabase } from '../../../../read-models/src/read-model-database';
import type { ReadModelFixture } from '../../../../read-models/src/testing/read-model-fixture';
import { cohortProjection } from '../cohort.projection';
import { CohortService } from '../cohort.service';

/**
 * The person index and the cohort tracker built from the fixture's log on one database, as the API
 * reads them; `personIndex` may be another version, as one answering while this one is rebuilt.
 * `catchUp` brings both up to what was appended since.
 */
export async function liveCohort(fixture: ReadModelFixture, personIndex: ProjectionDefinition = personIndexProjection) {
  const db = fixture.open();
  const runtime = fixture.runtime(db, [personIndex, cohortProjection]);
  await runtime.catchUp();
  const readModels = new ReadModelDatabase(db);
  const people = new PersonIndexQuery(readModels);
  const service = new CohortService(readModels, fixture.store);
  // Injected by Nest as a property; the spec hands it the index it built.
  Object.assign(service, { people });
  /** Reads what the log gained since. */
  const catchUp = () => runtime.catchUp();
  return { db, readModels, people, service, catchUp };
}
