import { seededRandom } from '../../../read-models/src/testing/random-log';
import { returnedIds } from '../application/returned-ids';
import { collectNamedIds, NamedIds } from './named-ids';

const KEYS = ['caseId', 'personId', 'victimPersonId', 'note', 'items', 'owner', 'personIds', 'caseIds'] as const;

/** Nested objects and arrays up to eight deep, with ids (some repeated) under the keys that name them. */
function randomData(random: () => number, depth = 0): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (let field = Math.floor(random() * 5); field > 0; field--) {
    const key = KEYS[Math.floor(random() * KEYS.length)] ?? 'note';
    const roll = random();
    if (key.endsWith('Ids') && roll < 0.5)
      data[key] = [`id-${Math.floor(random() * 6)}`, 3, `id-${Math.floor(random() * 6)}`];
    else if (roll < 0.5 || depth >= 8) data[key] = `id-${Math.floor(random() * 6)}`;
    else if (roll < 0.75) data[key] = randomData(random, depth + 1);
    else data[key] = [randomData(random, depth + 1), 7, null, randomData(random, depth + 1)];
  }
  return data;
}

describe('collectNamedIds', () => {
  it('names the case and person ids an event names, once each, in the order named', () => {
    const data = {
      caseId: 'case-1',
      personId: 'person-a',
      meeting: { cases: [{ caseId: 'case-2' }, { caseId: 'case-1' }], chair: 'Synthetic Chair' },
      victimPersonId: 'person-b',
      perpetratorPersonId: 'person-a',
      personIdentifiers: { pnc: '2001/0000001A' },
      note: 'caseId mentioned in text is not an id',
    };
    expect(collectNamedIds(data, new NamedIds())).toEqual({
      caseIds: ['case-1', 'case-2'],
      personIds: ['person-a', 'person-b'],
    });
  });

  it('names exactly what returnedIds finds, in the same order, at every depth', () => {
    const random = seededRandom(31);
    const into = new NamedIds();
    let mostFound = 0;
    for (let sample = 0; sample < 2_000; sample++) {
      const data = randomData(random);
      const expected = returnedIds(data);
      expect(collectNamedIds(data, into)).toEqual(expected);
      mostFound = Math.max(mostFound, expected.caseIds.length + expected.personIds.length);
    }
    expect(mostFound).toBeGreaterThan(3);
  });

  it('stops at the same depth and the same number of ids', () => {
    let nested: Record<string, unknown> = { caseId: 'too-deep' };
    for (let level = 0; level < 6; level++) nested = { inner: nested, personId: `level-${level}` };
    const many = { items: Array.from({ length: 6_000 }, (_, i) => ({ caseId: `c${i}` })) };
    for (const data of [nested, many]) {
      expect(collectNamedIds(data, new NamedIds())).toEqual(returnedIds(data));
    }
    expect(collectNamedIds(many, new NamedIds()).caseIds).toHaveLength(5_000);
    const deep = collectNamedIds(nested, new NamedIds());
    expect(deep.caseIds).toEqual([]); // six levels down: past the limit
    expect(deep.personIds).toEqual(['level-0', 'level-1', 'level-2', 'level-3', 'level-4', 'level-5']);
  });
});
