import { mayKnowOfEntry, type RegisterEntryParties } from './register-visibility';

describe('who may know of a share named to one user', () => {
  const named: RegisterEntryParties = {
    kind: 'shared',
    fromAgency: 'Metropolitan Police',
    toAgency: 'Haringey Council',
    toUserId: 'social-worker-1',
    recordedById: 'marac-1',
    dsaId: 'dsa-1',
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

describe('who may know of a decision not to share', () => {
  const cited: RegisterEntryParties = {
    kind: 'withheld',
    fromAgency: 'Metropolitan Police',
    toAgency: 'Probation',
    toUserId: null,
    recordedById: 'marac-1',
    dsaId: 'dsa-1',
  };
  const uncited = { ...cited, toAgency: 'Hackney Youth Justice Service', dsaId: null };
  const onPanel = (agency: string, id = 'reader-1') => ({ id, agency, seesSubject: true });

  it('citing an agreement: the panel, of any agency but the one it was about', () => {
    expect(mayKnowOfEntry(cited, onPanel('Haringey Council'))).toBe(true);
    expect(mayKnowOfEntry(cited, onPanel('probation'))).toBe(false);
  });

  it('citing none: only the disclosing agency on the panel, and its recorder, whatever the recipient is called', () => {
    expect(mayKnowOfEntry(uncited, onPanel('metropolitan police'))).toBe(true);
    expect(mayKnowOfEntry(uncited, { id: 'marac-1', agency: 'Metropolitan Police', seesSubject: false })).toBe(true);
    for (const agency of ['Hackney YJS', 'Haringey Council', 'Probation'])
      expect(mayKnowOfEntry(uncited, onPanel(agency))).toBe(false);
    expect(mayKnowOfEntry(uncited, { id: 'reader-2', agency: 'Metropolitan Police', seesSubject: false })).toBe(false);
  });
});
