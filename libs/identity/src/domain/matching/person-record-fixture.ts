/** Test fixture (pure, no randomness): lives beside the domain code its specs exercise. */
import type { PersonRecord } from './person-record';

let sequence = 0;

/** A plain synthetic record for tests; override only what the test is about. */
export function aPersonRecord(overrides: Partial<PersonRecord> = {}): PersonRecord {
  return {
    recordId: overrides.recordId ?? `test-${++sequence}`,
    forenames: 'John',
    surname: 'Smith',
    dateOfBirth: '1980-05-12',
    sex: 'male',
    postcode: 'N17 6AB',
    address: '12 High Road',
    identifiers: {},
    ...overrides,
  };
}
