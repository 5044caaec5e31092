import { compareRecords } from '../comparisons/compare-records';
import { aPersonRecord } from '../person-record-fixture';
import { prepareRecord } from '../prepared-record';
import { DEFAULT_MATCHING_MODEL } from './default-matching-model';
import { NameFrequencies } from './name-frequencies';

describe('NameFrequencies (term-frequency adjustment)', () => {
  const khan = prepareRecord(aPersonRecord({ forenames: 'Mohammed', surname: 'Khan' }));
  const rare = prepareRecord(aPersonRecord({ forenames: 'Oluwadamilare', surname: 'Okonkwo' }));
  const vectorOf = (record: typeof khan) => compareRecords(record, record);

  it('adjusts nothing while the index is empty', () => {
    const frequencies = new NameFrequencies(DEFAULT_MATCHING_MODEL);
    expect(frequencies.adjustment(khan, vectorOf(khan))).toBeCloseTo(0, 10);
  });

  it('weakens agreement on a common name and strengthens it (capped) on a rare one', () => {
    const frequencies = new NameFrequencies(DEFAULT_MATCHING_MODEL);
    for (let i = 0; i < 400; i++) frequencies.add(khan);
    frequencies.add(rare);
    for (let i = 0; i < 5_000; i++) {
      frequencies.add(
        prepareRecord(aPersonRecord({ recordId: `x${i}`, forenames: `Name${i}`, surname: `Surname${i}` })),
      );
    }
    expect(frequencies.adjustment(khan, vectorOf(khan))).toBeLessThan(-4);
    const boost = frequencies.adjustment(rare, vectorOf(rare));
    expect(boost).toBeGreaterThan(0);
    expect(boost).toBeLessThanOrEqual(4);
  });

  it('forgets removed records', () => {
    const frequencies = new NameFrequencies(DEFAULT_MATCHING_MODEL);
    for (let i = 0; i < 50; i++) frequencies.add(khan);
    for (let i = 0; i < 50; i++) frequencies.remove(khan);
    expect(frequencies.adjustment(khan, vectorOf(khan))).toBeCloseTo(0, 10);
  });

  it('only adjusts exact agreement', () => {
    const frequencies = new NameFrequencies(DEFAULT_MATCHING_MODEL);
    for (let i = 0; i < 400; i++) frequencies.add(khan);
    const other = prepareRecord(aPersonRecord({ forenames: 'Bilal', surname: 'Shah' }));
    expect(frequencies.adjustment(khan, compareRecords(khan, other))).toBe(0);
  });
});
