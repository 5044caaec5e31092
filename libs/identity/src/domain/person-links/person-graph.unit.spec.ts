import type { MatchEvent } from './identity-events';
import { PersonGraph } from './person-graph';

/** A reviewer's confirmation that `mergedId`'s person is `survivorId`'s, as the log holds it. */
const confirmed = (survivorId: string, mergedId: string): MatchEvent => ({
  type: 'match-confirmed',
  data: {
    proposalId: `${survivorId}-${mergedId}`,
    personIds: [survivorId, mergedId],
    survivorId,
    mergedId,
    reason: 'same person per probation',
    occurredAt: '2024-06-01T10:00:00Z',
  },
});

function graph(): PersonGraph {
  const g = new PersonGraph();
  g.registerPerson('a', 1);
  g.registerPerson('b', 2);
  g.registerPerson('c', 3);
  g.addRecord('a', 'a');
  g.addRecord('b', 'b');
  g.addRecord('b2', 'b');
  g.addRecord('c', 'c');
  g.addCase('case-a', 'a');
  g.addCase('case-b', 'b');
  return g;
}

describe('person graph', () => {
  it('follows merges to the surviving person, through chains', () => {
    const g = graph();
    g.applyDecision(confirmed('a', 'b'));
    g.applyDecision(confirmed('c', 'a'));
    expect(g.current('b')).toBe('c');
    expect(g.personOfRecord('b2')).toBe('c');
    expect(g.personOfCase('case-b')).toBe('c');
    expect(g.mergedPeopleOf('c').sort()).toEqual(['a', 'b']);
  });

  it('restores a merged person with their records and cases, as before the merge', () => {
    const g = graph();
    g.applyDecision(confirmed('a', 'b'));
    g.split({ intoPersonId: 'b', restored: true, recordIds: [], caseIds: [] });
    expect(g.current('b')).toBe('b');
    expect(g.personOfRecord('b2')).toBe('b');
    expect(g.personOfCase('case-b')).toBe('b');
    expect(g.personOfCase('case-a')).toBe('a');
  });

  it('gives the restored person whoever the unmerge sorted to them of those merged in meanwhile', () => {
    const g = graph();
    g.addCase('case-c', 'c');
    g.applyDecision(confirmed('a', 'b'));
    g.applyDecision(confirmed('a', 'c'));
    g.split({
      intoPersonId: 'b',
      restored: true,
      recordIds: [],
      caseIds: [],
      mergedWhileOne: [{ personId: 'c', to: 'b', by: 'identifier' }],
    });
    expect([g.current('c'), g.personOfCase('case-c'), g.personOfRecord('c')]).toEqual(['b', 'b', 'b']);
    expect(g.mergedPeopleOf('a')).toEqual([]);
    // Undone on its own later, that merge gives them back what they held.
    g.split({ intoPersonId: 'c', restored: true, recordIds: [], caseIds: [] });
    expect([g.current('c'), g.personOfCase('case-c')]).toEqual(['c', 'c']);
  });

  it('merges nobody when the two are one person already, whichever id a confirmation names', () => {
    const g = graph();
    g.applyDecision(confirmed('a', 'b'));
    expect(g.applyDecision(confirmed('b', 'a'))).toEqual({ merges: false, conflict: 'already-one-person' });
    expect(g.current('a')).toBe('a');
    expect(g.current('b')).toBe('a');
  });

  it('moves named records and cases to another person without touching the rest', () => {
    const g = graph();
    g.split({ intoPersonId: 'n', restored: false, recordIds: ['b2'], caseIds: ['case-b'] });
    expect(g.personOfRecord('b2')).toBe('n');
    expect(g.personOfRecord('b')).toBe('b');
    expect(g.personOfCase('case-b')).toBe('n');
  });
});
