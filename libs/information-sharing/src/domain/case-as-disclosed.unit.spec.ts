import { caseAsDisclosed, type CaseAt, type CaseEntryGiven } from './case-as-disclosed';

/** A synthetic MARAC case as it stood at three log positions. */
const CASE_AT: Record<string, Readonly<Record<string, unknown>>> = {
  '10': { caseId: 'c-1', personId: 'p-1', status: 'referred', riskRating: 'amber', details: { kind: 'marac' } },
  '20': { caseId: 'c-1', personId: 'p-1', status: 'accepted', riskRating: 'red', details: { kind: 'marac' } },
  '30': {
    caseId: 'c-1',
    personId: 'p-1',
    status: 'closed',
    riskRating: 'green',
    details: { kind: 'marac', repeat: true, perpetratorPersonId: 'p-2' },
  },
};
const caseAt: CaseAt = (position) => CASE_AT[position.toString()];

const entry = (position: number, occurredAt: string, fields: CaseEntryGiven['fields']): CaseEntryGiven => ({
  fields,
  position: BigInt(position),
  occurredAt,
});

describe('the case as disclosed', () => {
  it('gives each field as the case stood when the entry giving it was recorded', () => {
    expect(caseAsDisclosed([entry(10, '2024-03-01T10:00:00Z', ['status', 'riskRating'])], caseAt)).toEqual({
      fields: { status: 'referred', riskRating: 'amber' },
      asDisclosedOn: { status: '2024-03-01T10:00:00Z', riskRating: '2024-03-01T10:00:00Z' },
    });
  });

  it('gives a field a later entry gave out again at its value then, the others as the earlier gave them', () => {
    const entries = [
      entry(20, '2024-05-01T10:00:00Z', ['riskRating']),
      entry(10, '2024-03-01T10:00:00Z', ['status', 'riskRating']),
    ];
    expect(caseAsDisclosed(entries, caseAt)).toEqual({
      fields: { status: 'referred', riskRating: 'red' },
      asDisclosedOn: { status: '2024-03-01T10:00:00Z', riskRating: '2024-05-01T10:00:00Z' },
    });
  });

  it('goes by where an entry was recorded, not the day it was dated: a back-dated share gave out the case as it stood', () => {
    const entries = [entry(20, '2024-05-01T10:00:00Z', ['status']), entry(30, '2024-04-01T10:00:00Z', ['status'])];
    expect(caseAsDisclosed(entries, caseAt).fields).toEqual({ status: 'closed' });
  });

  it('keeps whom a disclosed MARAC case names back, at any position', () => {
    expect(caseAsDisclosed([entry(30, '2024-06-01T10:00:00Z', ['details'])], caseAt).fields).toEqual({
      details: { kind: 'marac', repeat: true },
    });
  });

  it('shows nothing of a field whose case cannot be told at its entry, never the case now', () => {
    expect(caseAsDisclosed([entry(5, '2024-02-01T10:00:00Z', ['status'])], caseAt)).toEqual({
      fields: {},
      asDisclosedOn: {},
    });
  });

  it('gives no case field for entries of person fields alone', () => {
    expect(caseAsDisclosed([entry(10, '2024-03-01T10:00:00Z', ['name', 'address'])], caseAt).fields).toEqual({});
  });
});
