import { closedBy, type EntryTerms } from './entry-open-now';
import { evolveDsa, initialDsaState, type DsaEvent, type DsaState } from './sharing-agreement';

const signed: DsaEvent = {
  type: 'dsa-signed',
  data: {
    dsaId: 'dsa-1',
    title: 'Borough DSA',
    parties: ['Metropolitan Police', 'Haringey Council', 'Probation'],
    purpose: 'Protecting victims',
    lawfulBasis: { regime: 'uk-gdpr', article6: 'e-public-task' },
    reviewDate: '2030-04-01',
    inForceFrom: '2024-04-01',
    inForceTo: '2025-03-31',
    occurredAt: '2024-03-20T10:00:00Z',
  },
} as DsaEvent;
const agreement = (...events: DsaEvent[]): DsaState => [signed, ...events].reduce(evolveDsa, initialDsaState());
const share: EntryTerms = {
  kind: 'shared',
  toAgency: 'haringey  council',
  occurredAt: '2024-06-01T10:00:00Z',
  expiresAt: null,
  revokedAt: null,
};
const at = new Date('2024-09-01T12:00:00Z');

describe('whether a register entry opens anything now', () => {
  it('is open while the share has happened and its agreement covers the recipient', () => {
    expect(closedBy(share, agreement(), at)).toBeNull();
  });

  it('says a decision not to share, a revoked share and one past expiresAt open nothing', () => {
    expect(closedBy({ ...share, kind: 'withheld' }, agreement(), at)).toBe('withheld');
    expect(closedBy({ ...share, revokedAt: '2024-07-01T00:00:00Z' }, agreement(), at)).toBe('revoked');
    expect(closedBy({ ...share, expiresAt: '2024-09-01T12:00:00Z' }, agreement(), at)).toBe('expired');
  });

  it('opens nothing before the share happened', () => {
    expect(closedBy({ ...share, occurredAt: '2024-09-02T00:00:00Z' }, agreement(), at)).toBe('not-yet-occurred');
  });

  it('follows the agreement as it stands now: unknown, expired, past its end, or without the recipient', () => {
    expect(closedBy(share, null, at)).toBe('dsa-unknown');
    const expired = { type: 'dsa-expired', data: { reason: 'Ended', occurredAt: '2024-08-01T00:00:00Z' } } as DsaEvent;
    expect(closedBy(share, agreement(expired), at)).toBe('dsa-expired');
    expect(closedBy(share, agreement(), new Date('2025-04-01T12:00:00Z'))).toBe('dsa-not-in-force');
    const left = {
      type: 'dsa-party-removed',
      data: { agency: 'Haringey Council', reason: 'Left', occurredAt: '2024-08-01T00:00:00Z' },
    } as DsaEvent;
    expect(closedBy(share, agreement(left), at)).toBe('recipient-left-dsa');
  });
});
