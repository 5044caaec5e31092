import { validateIdentifier, type IdentifierKind } from '../domain/identifiers';
import { generateSyntheticPeople } from './synthetic-people';

describe('generateSyntheticPeople', () => {
  const records = generateSyntheticPeople({ seed: 'unit-generator', records: 3_000 });

  it('is reproducible for a seed and differs between seeds', () => {
    expect(generateSyntheticPeople({ seed: 'unit-generator', records: 3_000 })).toEqual(records);
    expect(generateSyntheticPeople({ seed: 'another', records: 50 })).not.toEqual(records.slice(0, 50));
  });

  it('produces the requested number of records with unique ids and known truth', () => {
    expect(records).toHaveLength(3_000);
    expect(new Set(records.map((r) => r.record.recordId)).size).toBe(3_000);
    const people = new Set(records.map((r) => r.truthId)).size;
    expect(people).toBeLessThan(2_400);
    expect(people).toBeGreaterThan(1_200);
  });

  it('uses only never-issued 999 NHS numbers and check-valid PNC and CRO numbers (unless deliberately mistyped)', () => {
    for (const { record, distortions } of records) {
      for (const [kind, value] of Object.entries(record.identifiers ?? {}) as [IdentifierKind, string][]) {
        if (kind === 'nhsNumber') expect(value.startsWith('999')).toBe(true);
        if (!distortions.includes(`${kind}-mistyped`)) expect(validateIdentifier(kind, value).ok).toBe(true);
      }
    }
  });

  it('includes every kind of distortion the matcher must cope with, and hard negatives', () => {
    const seen = new Set(records.flatMap((r) => r.distortions));
    for (const distortion of [
      'nickname',
      'alias',
      'names-swapped',
      'forename-typo',
      'surname-typo',
      'previous-surname',
      'dob-day-month-swapped',
      'dob-one-digit',
      'moved',
      'postcode-missing',
      'twin',
      'sibling',
      'same-name-parent',
      'known-by-second-name',
    ]) {
      expect(seen).toContain(distortion);
    }
  });

  it('keeps twins different people with the same surname, date of birth and first address', () => {
    const twin = records.find((r) => r.distortions[0] === 'twin' && !r.distortions.includes('names-swapped'));
    expect(twin).toBeDefined();
    expect(twin?.record.forenames.length).toBeGreaterThan(0);
  });
});
