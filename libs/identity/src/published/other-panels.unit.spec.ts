import type { IndexedCase, IndexedPerson, NamedOnCase } from '../application/person-index.query';
import { otherPanelsOfPerson } from './other-panels';

const held = (panel: string, open: boolean): IndexedCase => ({
  caseId: `c-${panel}-${String(open)}`,
  panel,
  open,
  referredAt: '2024-01-01',
  maracSensitive: null,
});
const named = (open: boolean): NamedOnCase => ({
  caseId: `n-${String(open)}`,
  panel: 'MARAC',
  role: 'perpetrator',
  open,
  referredAt: '2024-02-01',
});
const someone = (cases: IndexedCase[], namedOn: NamedOnCase[] = []): IndexedPerson => ({
  personId: 'p-1',
  mergedPersonIds: [],
  registeredPosition: 1,
  records: [],
  cases,
  namedOn,
  panelsEverHeld: [],
  splitFrom: null,
});

describe('the panels a person is known to beyond the reader’s', () => {
  it('names each other panel with an open case once, and none of the reader’s', () => {
    const nominal = someone([held('IOM', true), held('IOM', true), held('ALLIANCE', true)], [named(true)]);
    expect(otherPanelsOfPerson(nominal, ['MARAC'])).toEqual(['ALLIANCE', 'IOM']);
    expect(otherPanelsOfPerson(nominal, ['IOM'])).toEqual(['ALLIANCE', 'MARAC']);
  });

  it('leaves out panels whose cases are all closed or declined', () => {
    expect(otherPanelsOfPerson(someone([held('IOM', false)], [named(false)]), ['ALLIANCE'])).toEqual([]);
  });
});
