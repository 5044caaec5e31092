import { ServiceUnavailableException } from '@nestjs/common';
import type { ProjectionDefinition } from '../../../read-models/src/projection-definition';
import { ReadModelDatabase } from '../../../read-models/src/read-model-database';
import { ReadModelFixture } from '../../../read-models/src/testing/read-model-fixture';
import { DEFAULT_PANEL_REGISTRY, findPanel, type PanelDefinition } from '../domain';
import { cohortProjection } from './cohort.projection';
import { CohortService } from './cohort.service';

/** An older `panel_cohort` as a previous deployment left it: active, and without today's columns. */
const previousVersion: ProjectionDefinition = {
  name: cohortProjection.name,
  version: cohortProjection.version - 1,
  migrate(db) {
    db.exec(`CREATE TABLE ${db.table('cases')} (case_id TEXT PRIMARY KEY, panel TEXT NOT NULL, phase TEXT NOT NULL)`);
  },
  apply: () => undefined,
};

describe('the cohort tracker during a version rebuild', () => {
  const fixture = new ReadModelFixture();
  afterAll(() => fixture.cleanUp());

  it('answers 503 while an older version of panel_cohort is the one answering queries', async () => {
    await fixture.runtime(fixture.open(), [previousVersion]).catchUp();
    const readModels = ReadModelDatabase.open(fixture.file());
    try {
      const service = new CohortService(readModels, fixture.store);
      const marac = findPanel(DEFAULT_PANEL_REGISTRY, 'MARAC') as PanelDefinition;
      await expect(service.cohort(marac, {}, new Date())).rejects.toBeInstanceOf(ServiceUnavailableException);
    } finally {
      readModels.close();
    }
  });
});
