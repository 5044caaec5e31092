import { PersonIndexQuery } from '../../../identity/src/application/person-index.query';
import { personIndexProjection } from '../../../identity/src/projections/person-index.projection';
import type { ProjectionDefinition } from '../../../read-models/src/projection-definition';
import { ReadModelDatabase } from '../../../read-models/src/read-model-database';
import { ReadModelFixture } from '../../../read-models/src/testing/read-model-fixture';
import { DEFAULT_PANEL_REGISTRY, findPanel, type PanelDefinition } from '../domain';
import { cohortProjection } from './cohort.projection';
import { CohortService } from './cohort.service';

/** An older `panel_cohort` as a previous deployment left it: active, and without today's columns. */
const previousVersion = (migrate: ProjectionDefinition['migrate']): ProjectionDefinition => ({
  name: cohortProjection.name,
  version: cohortProjection.version - 1,
  migrate,
  apply: () => undefined,
});

/** Today's tables without `waiting_listings`, and `cases` without `iom_pathways`. */
const withoutPathwaysOrWaitingListings = previousVersion((db) => {
  cohortProjection.migrate(db);
  db.exec(`DROP TABLE ${db.table('waiting_listings')}`);
  db.exec(`ALTER TABLE ${db.table('cases')} DROP COLUMN iom_pathways`);
});

/** So old that no page can be read from it: no person, referral order or memo. */
const withoutWhatEveryPageReads = previousVersion((db) =>
  db.exec(`CREATE TABLE ${db.table('cases')} (case_id TEXT PRIMARY KEY, panel TEXT NOT NULL, phase TEXT NOT NULL)`),
);

describe('the cohort tracker during a version rebuild', () => {
  let fixture: ReadModelFixture;
  let readModels: ReadModelDatabase | undefined;
  beforeEach(() => {
    fixture = new ReadModelFixture();
  });
  afterEach(async () => {
    readModels?.close();
    await fixture.cleanUp();
  });

  async function trackerOn(previous: ProjectionDefinition): Promise<CohortService> {
    await fixture.runtime(fixture.open(), [previous, personIndexProjection]).catchUp();
    readModels = ReadModelDatabase.open(fixture.file());
    const service = new CohortService(readModels, fixture.store);
    // Injected by Nest as a property.
    return Object.assign(service, { people: new PersonIndexQuery(readModels) });
  }
  const panel = (code: string) => findPanel(DEFAULT_PANEL_REGISTRY, code) as PanelDefinition;

  it('answers from the older version, saying so, with the fields it cannot say listed', async () => {
    const service = await trackerOn(withoutPathwaysOrWaitingListings);
    const answer = await service.cohort(panel('IOM'), {}, new Date());
    expect(answer).toMatchObject({
      total: 0,
      items: [],
      previousVersion: {
        version: cohortProjection.version - 1,
        rebuilding: cohortProjection.version,
        position: -1,
        lacking: [
          'cases.iom_pathways',
          'waiting_listings.case_id',
          'waiting_listings.uk_day',
          'waiting_listings.meeting_id',
        ],
        unknownFields: ['iom.pathways'],
      },
    });
  });

  it('refuses, 503 read-model-rebuilding naming it, a filter that reads what the older version lacks', async () => {
    const service = await trackerOn(withoutPathwaysOrWaitingListings);
    await expect(service.cohort(panel('IOM'), { nextReviewBefore: '2024-06-01' }, new Date())).rejects.toMatchObject({
      status: 503,
      response: {
        rule: 'read-model-rebuilding',
        errors: [expect.objectContaining({ field: 'nextReviewBefore', rule: 'read-model-rebuilding' })],
      },
    });
  });

  it('refuses, 503 read-model-rebuilding, an older version lacking what every page reads', async () => {
    const service = await trackerOn(withoutWhatEveryPageReads);
    await expect(service.cohort(panel('MARAC'), {}, new Date())).rejects.toMatchObject({
      status: 503,
      response: { rule: 'read-model-rebuilding', message: expect.stringContaining('cases.person_id') },
    });
  });
});
