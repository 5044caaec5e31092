import { PersonMatcher } from '../domain/matching/person-matcher';
import { evaluateIncrementally } from './pairwise-evaluation';
import { generateSyntheticPeople, type SyntheticPersonRecord } from './synthetic-people';

type Pair = readonly [SyntheticPersonRecord, SyntheticPersonRecord];
const compact = (postcode?: string) => postcode?.replace(/\s/g, '').toUpperCase();
const years = (a?: string, b?: string) =>
  a === undefined || b === undefined ? Infinity : Math.abs(Date.parse(a) - Date.parse(b)) / (365.25 * 86_400_000);

/**
 * Why a twin or same-name parent ended in one person with their relative, when the README's known
 * limits explain it; undefined for an unexplained (new) false link.
 */
function documentedCause([relative, other]: Pair): string | undefined {
  const forenames = (r: SyntheticPersonRecord) => [r.record.forenames];
  const aliases = (r: SyntheticPersonRecord) => (r.record.aliases ?? []).map((a) => a.forenames);
  if (
    aliases(other).some((a) => forenames(relative).includes(a ?? '')) ||
    aliases(relative).some((a) => forenames(other).includes(a ?? ''))
  )
    return 'an alias is the relative’s own forename';
  const ids = Object.values(other.record.identifiers ?? {});
  if (Object.values(relative.record.identifiers ?? {}).some((id) => ids.includes(id))) return 'a shared identifier';
  if (compact(relative.record.postcode) !== compact(other.record.postcode)) return 'different postcodes';
  if (years(relative.record.dateOfBirth, other.record.dateOfBirth) < 10) return 'a birth date typo under ten years';
  return undefined;
}

/**
 * Twins and same-name parents share surname, home and (for twins) birth date: the hard negatives.
 * On the reported evaluation set none may be linked to their relative except in the ways the
 * README's known limits document, and those few are counted so a new one fails here.
 */
describe('relatives kept apart on the synthetic evaluation set', () => {
  const records = generateSyntheticPeople({ seed: 'identity-evaluation-v1', records: 20_000 });
  const { personOfRecord } = evaluateIncrementally(new PersonMatcher(), records);
  const byTruth = new Map<string, SyntheticPersonRecord[]>();
  for (const r of records) byTruth.set(r.truthId, [...(byTruth.get(r.truthId) ?? []), r]);
  const linkedRelatives = (kind: string): Pair[] =>
    records
      .filter((r) => r.distortions[0] === kind && r.relativeOf !== undefined)
      .flatMap((r) =>
        (byTruth.get(r.relativeOf ?? '') ?? [])
          .filter((o) => personOfRecord.get(o.record.recordId) === personOfRecord.get(r.record.recordId))
          .map((o): Pair => [r, o]),
      );
  const peopleIn = (pairs: Pair[]) => new Set(pairs.map(([r]) => r.truthId)).size;

  it('has twins to keep apart', () => {
    expect(peopleIn(records.filter((r) => r.distortions[0] === 'twin').map((r): Pair => [r, r]))).toBeGreaterThan(150);
  });

  it('links no twins except the documented case: a street alias that is the twin’s name', () => {
    const pairs = linkedRelatives('twin');
    expect(pairs.map(documentedCause).sort()).toEqual([
      'an alias is the relative’s own forename',
      'an alias is the relative’s own forename',
    ]);
    expect(peopleIn(pairs)).toBe(1);
  });

  it('links no same-name parent except one whose birth date typo puts them under ten years apart', () => {
    const pairs = linkedRelatives('same-name-parent');
    expect(pairs.map(documentedCause)).toEqual(['a birth date typo under ten years']);
  });
});
