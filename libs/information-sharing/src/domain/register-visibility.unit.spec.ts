import { mayKnowOfEntry, type RegisterEntryParties } from './register-visibility';

describe('who may know of a share named to one user', () => {
  const named: RegisterEntryParties = {
    kind: 'shared',
    fromAgency: 'Metropolitan Police',
    toAgency: 'Haringey Council',
    toUserId: 'social-worker-1',
    recordedById: 'marac-1',
  };
  const reader = (id: string, seesSubject = false, agency = 'haringey council') => ({ id, agency, seesSubject });

  it('is the named user’s record, not their colleagues’', () => {
    expect(mayKnowOfEntry(named, reader('social-worker-1'))).toBe(true);
    expect(mayKnowOfEntry(named, reader('social-worker-2'))).toBe(false);
  });

  it('stays known to the case’s panel members (of the recipient agency too) and its recorder', () => {
    expect(mayKnowOfEntry(named, reader('social-worker-2', true))).toBe(true);
    expect(mayKnowOfEntry(named, reader('marac-1', false, 'Metropolitan Police'))).toBe(true);
  });

  it('leaves a share to the whole agency with every case worker of it', () => {
    expect(mayKnowOfEntry({ ...named, toUserId: null }, reader('social-worker-2'))).toBe(true);
  });
});
