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

  it('makes twins different people with their twin’s surname and date of birth (kept apart: relatives-kept-apart spec)', () => {
    const undistorted = records.filter((r) => r.distortions.length === (r.relativeOf === undefined ? 0 : 1));
    const twins = undistorted.filter((r) => r.distortions[0] === 'twin');
    expect(twins.length).toBeGreaterThan(5);
    for (const twin of twins) {
      const of = undistorted.filter((r) => r.truthId === twin.relativeOf);
      for (const { truthId, record } of of) {
        expect(truthId).not.toBe(twin.truthId);
        expect(record).toMatchObject({ surname: twin.record.surname, dateOfBirth: twin.record.dateOfBirth });
        expect(record.forenames).not.toBe(twin.record.forenames);
      }
    }
    expect(twins.some((twin) => undistorted.some((r) => r.truthId === twin.relativeOf))).toBe(true);
  });
});
