import type { PersonIndexQuery } from '../../../identity/src/application/person-index.query';
import { seededRandom } from '../../../read-models/src/testing/random-log';
import { ReadModelFixture } from '../../../read-models/src/testing/read-model-fixture';
import { DEFAULT_PANEL_REGISTRY, findPanel, type PanelDefinition } from '../domain';
import type { PersonDetails, PersonName } from '../domain/events/person-events';
import { searchable, searchFolded } from './cohort-people';
import type { CohortQuery } from './cohort.query';
import type { CohortService } from './cohort.service';
import { liveCohort } from './testing/live-cohort';
import { appendNamedPeopleLog, PANELS } from './testing/named-people-log';

const NOW = new Date('2025-06-01T12:00:00.000Z');
const REFERRALS = 500;
/** Accents and curly apostrophes typed either way, words in either order, LIKE's wildcards, stray spaces. */
const SEARCHES = [
  'zoe',
  'ZOË',
  "o'brien",
  'obrien',
  'o\u2019brien zoe',
  'brien  sean',
  'sean o',
  'ne',
  'nunez siobhan',
  "d'arcy jo",
  'darcy',
  'mary ann',
  'ana · maria',
  '100%',
  'lee_ng',
  '%',
  '_',
  'o súilleabháin',
  // A one-word alias with the recorded surname, or after the recorded forenames.
  'okafor smith',
  'zoe okafor',
  'nobody',
];
const FILTERS: [string, CohortQuery][] = [
  ...PANELS.map((panel): [string, CohortQuery] => [panel, {}]),
  ['IOM', { eligibility: 'eligible-not-adopted' }],
  ['IOM', { eligibility: 'rejected' }],
];

interface Item {
  readonly caseId: string;
  readonly personId: string;
}

/** A record's names: its own, and each alias; a one-word alias also with its surname and after its forenames. */
const namesOf = (details: PersonDetails): PersonName[] => [
  details,
  ...(details.aliases ?? []).flatMap((alias) =>
    alias.surname === ''
      ? [
          alias,
          { forenames: alias.forenames, surname: details.surname },
          { forenames: details.forenames, surname: alias.forenames },
        ]
      : [alias],
  ),
];

/**
 * What `q` means: any name or alias holding every word that a record of the panel's referrals gives
 * the person the case is about now, or the record the case's own referral brought in gives, for a
 * case the index has reached.
 */
function reference(people: PersonIndexQuery, items: readonly Item[], panel: string, q: string) {
  const words = searchFolded(searchable(q))
    .split(/\s+/)
    .filter((word) => word !== '');
  const found = new Map(
    people
      .panelRecordsOfCases(
        items.map((item) => ({ caseId: item.caseId, referralPersonId: item.personId })),
        panel,
      )
      .map((entry) => [entry.caseId, entry]),
  );
  const reached = (caseId: string) => found.has(caseId);
  const matches = (caseId: string) =>
    reached(caseId) &&
    (found.get(caseId)?.panelRecords ?? []).some((details) =>
      namesOf(details).some((name) =>
        words.every((word) => searchFolded(searchable(`${name.forenames} ${name.surname}`)).includes(word)),
      ),
    );
  return {
    items: items.filter((item) => matches(item.caseId)),
    pending: items.filter((item) => !reached(item.caseId)).length,
    unnamed: items.filter((item) => reached(item.caseId) && found.get(item.caseId)?.own === undefined).length,
  };
}

describe('the tracker searched by name (q), on a random history of merges, splits and aliases', () => {
  const fixture = new ReadModelFixture();
  let people: PersonIndexQuery;
  let service: CohortService;

  beforeAll(async () => {
    await appendNamedPeopleLog(fixture.store, seededRandom(2024), REFERRALS);
    ({ people, service } = await liveCohort(fixture));
  });
  afterAll(async () => {
    service.onModuleDestroy();
    await fixture.cleanUp();
  });

  const panelOf = (code: string) => findPanel(DEFAULT_PANEL_REGISTRY, code) as PanelDefinition;

  it('lists, pages and counts exactly the cases whose person now holds a matching name, live and as of a day', async () => {
    let matched = 0;
    let pending = 0;
    let unnamed = 0;
    let empty = 0;
    for (const asOf of [undefined, '2025-05-31'])
      for (const [code, filter] of FILTERS) {
        const query: CohortQuery = asOf === undefined ? filter : { ...filter, asOf };
        const all = await service.cohort(panelOf(code), { ...query, limit: 500 }, NOW);
        expect(all.total).toBeLessThan(500);
        for (const q of asOf === undefined ? SEARCHES : SEARCHES.slice(0, 4)) {
          const expected = reference(people, all.items, code, q);
          const n = expected.items.length;
          for (const offset of [0, 1, 4, n - 1, n, n + 3].filter((o) => o >= 0)) {
            const page = await service.cohort(panelOf(code), { ...query, q, offset, limit: 5 }, NOW);
            expect({ q, code, query, offset, page }).toEqual({
              q,
              code,
              query,
              offset,
              page: {
                panel: code,
                ...(asOf === undefined ? {} : { asOf }),
                total: n,
                items: expected.items.slice(offset, offset + 5),
                ...(offset + 5 < n ? { next: { offset: offset + 5, limit: 5, after: expect.any(String) } } : {}),
                ...(expected.pending === 0 ? {} : { namesPending: expected.pending }),
              },
            });
            if (page.next === undefined) continue;
            // The cursor goes on where the offset would, in SQL (live) and in code (a past day) alike.
            const after = await service.cohort(panelOf(code), { ...query, q, after: page.next.after, limit: 5 }, NOW);
            expect({ q, code, query, offset, items: after.items }).toEqual({
              q,
              code,
              query,
              offset,
              items: expected.items.slice(offset + 5, offset + 10),
            });
          }
          matched += n;
          pending = Math.max(pending, expected.pending);
          unnamed = Math.max(unnamed, expected.unnamed);
          if (n === 0) empty += 1;
        }
      }
    // The history gives the search matches, misses and cases whose referral brought no record of
    // theirs in: those the index cannot name, though it has reached every case (none pending).
    expect(matched).toBeGreaterThan(300);
    expect(empty).toBeGreaterThan(3);
    expect(unnamed).toBeGreaterThan(0);
    expect(pending).toBe(0);
  });
});
