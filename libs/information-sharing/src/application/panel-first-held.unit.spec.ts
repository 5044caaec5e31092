import type { IndexedPerson } from '../../../identity/src/application/person-index.query';
import { panelFirstHeld } from './panel-first-held';

const person = {
  cases: [
    { caseId: 'c-marac-2', panel: 'MARAC', referredAt: '2024-06-02T09:00:00Z' },
    { caseId: 'c-marac-1', panel: 'MARAC', referredAt: '2024-05-02T09:00:00Z' },
    { caseId: 'c-iom', panel: 'IOM', referredAt: '2023-01-10T09:00:00Z' },
  ],
  namedOn: [{ caseId: 'c-named', panel: 'MAPPA', referredAt: '2022-03-01T09:00:00Z' }],
} as unknown as IndexedPerson;

describe('when the panel a disclosure about a person alone acts for first held them', () => {
  it('is the earliest referral of that panel’s cases about or naming them, whatever other panels hold', () => {
    expect(panelFirstHeld(person, 'MARAC')).toBe('2024-05-02T09:00:00Z');
    expect(panelFirstHeld(person, 'IOM')).toBe('2023-01-10T09:00:00Z');
    expect(panelFirstHeld(person, 'MAPPA')).toBe('2022-03-01T09:00:00Z');
  });

  it('is none when the panel has no case of the person in the index', () => {
    expect(panelFirstHeld(person, 'ALLIANCE')).toBeNull();
  });
});
