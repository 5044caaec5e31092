import { SeededRandom } from '../../../testing/seeded-random';
import { generateSyntheticPeople } from '../../../testing/synthetic-people';
import type { PersonAlias, PersonRecord } from '../person-record';
import { prepareRecord } from '../prepared-record';
import { parseNamePart } from '../text/name-part';
import { compareRecords, compareWithRecord } from './compare-records';
import { describeLevels, newComparisonVector } from './comparison-levels';
import { IncomingNames } from './incoming-names';

/**
 * An incoming record's names remembered across the records it is compared with must weigh every
 * pair exactly as comparing that pair alone does: same levels, whichever record came first.
 */
describe('IncomingNames', () => {
  const random = new SeededRandom('incoming-names');
  const generated = generateSyntheticPeople({ seed: 'incoming-names', records: 600 }).map(({ record }) => record);
  const forenames = generated.map((record) => record.forenames);
  const surnames = generated.map((record) => record.surname);
  const alias = (): PersonAlias => {
    const forename = random.chance(0.2)
      ? `${random.pick(forenames)}${random.chance(0.5) ? '-' : ' '}${random.pick(forenames)}`
      : random.pick(forenames);
    const shape = random.next();
    if (shape < 0.2) return { forenames: forename };
    if (shape < 0.35) return { surname: random.pick(surnames) };
    return { forenames: forename, surname: random.pick(surnames) };
  };
  const withAliases = (record: PersonRecord, count: number): PersonRecord => ({
    ...record,
    aliases: [...(record.aliases ?? []), ...Array.from({ length: count }, alias)],
  });
  const others = generated.map((record, i) => prepareRecord(i % 3 === 0 ? withAliases(record, 2) : record));
  const incoming = generated
    .slice(0, 36)
    .map((record, i) => prepareRecord(withAliases(record, [0, 1, 3, 5, 10, 20][i % 6] ?? 0)));

  it('gives every pair the levels the pair gets compared alone, on first meeting a name and after', () => {
    const remembered = newComparisonVector();
    const alone = newComparisonVector();
    const differing: string[] = [];
    for (const record of incoming) {
      const names = new IncomingNames(record);
      for (const pass of ['first', 'again']) {
        for (const other of others) {
          compareWithRecord(names, other, remembered);
          compareRecords(record, other, alone);
          if (remembered.some((level, at) => level !== alone[at]))
            differing.push(
              `${pass}: ${record.recordId} ~ ${other.recordId} ${JSON.stringify(describeLevels(remembered))}`,
            );
        }
      }
    }
    expect(differing).toEqual([]);
  });

  it('tells a hyphenated name from the same words written apart', () => {
    const lilyMae = parseNamePart('Lily-Mae');
    const lilyAndMae = parseNamePart('Lily Mae');
    expect(lilyMae?.text).toBe(lilyAndMae?.text);
    expect(lilyMae?.key).not.toBe(lilyAndMae?.key);
    expect(parseNamePart('lily mae')?.key).toBe(lilyAndMae?.key);
  });
});
