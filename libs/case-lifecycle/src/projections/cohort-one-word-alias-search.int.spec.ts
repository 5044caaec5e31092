import type { ProjectionDefinition } from '../../../read-models/src/projection-definition';
import { qualifiedName } from '../../../read-models/src/projection-naming';
import { ReadModelFixture } from '../../../read-models/src/testing/read-model-fixture';
import { personIndexProjection } from '../../../identity/src/projections/person-index.projection';
import { DEFAULT_PANEL_REGISTRY, findPanel, type PanelDefinition } from '../domain';
import type { CohortQuery } from './cohort.query';
import { liveCohort } from './testing/live-cohort';
import { referNamedAllianceCase } from './testing/named-people-log';

const NOW = new Date('2025-06-01T12:00:00.000Z');
const ALLIANCE = findPanel(DEFAULT_PANEL_REGISTRY, 'ALLIANCE') as PanelDefinition;

/** The version answering while a release that bumped the person index rebuilds it. */
const previousIndex: ProjectionDefinition = { ...personIndexProjection, version: personIndexProjection.version - 1 };

/**
 * Searches for Sarah Smithson, whose maiden name "Pritchard" and street name "Tinkerbell" were
 * recorded as one-word aliases: a coordinator types the one word with the rest of her name, the
 * maiden name after her forenames and the street name before her surname. Synthetic people.
 */
const FINDS_HER = ['pritchard', 'sarah pritchard', 'pritchard smithson', 'tinkerbell', 'tinkerbell smithson'];
/** Two aliases are two names, never one: neither pairs with the other. */
const MISSES_HER = ['pritchard tinkerbell', 'sarah tinkerbell pritchard'];

async function referred(fixture: ReadModelFixture) {
  await referNamedAllianceCase(fixture.store, 'case-sarah', {
    forenames: 'Sarah',
    surname: 'Smithson',
    aliases: [
      { forenames: 'Pritchard', surname: '' },
      { forenames: 'Tinkerbell', surname: '' },
    ],
  });
  await referNamedAllianceCase(fixture.store, 'case-other', { forenames: 'Sarah', surname: 'Pritchett' });
}

describe('the tracker searched by a one-word alias with the rest of the name', () => {
  const fixtures: ReadModelFixture[] = [];
  afterAll(() => Promise.all(fixtures.map((fixture) => fixture.cleanUp())));

  const trackerWith = async (personIndex: ProjectionDefinition) => {
    const fixture = new ReadModelFixture();
    fixtures.push(fixture);
    await referred(fixture);
    const built = await liveCohort(fixture, personIndex);
    const search = async (q: string, asOf?: string) => {
      const query: CohortQuery = asOf === undefined ? { q } : { q, asOf };
      const page = await built.service.cohort(ALLIANCE, query, NOW);
      return page.items.map((item) => item.caseId);
    };
    return { ...built, search };
  };

  it('finds her by the alias with her forenames or her surname, live (in SQL) and as of a day (in code)', async () => {
    const { service, search } = await trackerWith(personIndexProjection);
    try {
      for (const asOf of [undefined, '2025-05-31']) {
        for (const q of FINDS_HER)
          expect({ q, asOf, found: await search(q, asOf) }).toEqual({ q, asOf, found: ['case-sarah'] });
        for (const q of MISSES_HER) expect({ q, asOf, found: await search(q, asOf) }).toEqual({ q, asOf, found: [] });
      }
    } finally {
      service.onModuleDestroy();
    }
  });

  it('finds her the same while the previous person index answers during its rebuild, lacking the pairs', async () => {
    const { db, service, search } = await trackerWith(previousIndex);
    // The rows the previous release wrote: each name alone, never a one-word alias paired.
    db.prepare(
      `DELETE FROM ${qualifiedName(previousIndex.name, previousIndex.version, 'record_names')}
        WHERE name IN ('sarah pritchard', 'pritchard smithson', 'sarah tinkerbell', 'tinkerbell smithson')`,
    ).run();
    try {
      for (const q of FINDS_HER) expect({ q, found: await search(q) }).toEqual({ q, found: ['case-sarah'] });
      for (const q of MISSES_HER) expect({ q, found: await search(q) }).toEqual({ q, found: [] });
    } finally {
      service.onModuleDestroy();
    }
  });
});
