import { deciderSpecification } from '../../../command-handling/src/testing/decider-specification';
import { evolveAll } from '../../../command-handling/src/decider';
import { caseDecider } from './case.decider';
import type { CaseRecord, IomCaseState } from './case-state';
import type { CaseEvent } from './events/case-events';
import { CASE_RULES } from './rule-names';
import { caseHistory, iomInput, maracInput, on, referral, rejectionFrom } from './testing/case-fixtures';

const spec = deciderSpecification(caseDecider);
const iomCase = () => referral('IOM', iomInput());
const unlocated = (occurredAt: string, note?: string) =>
  on('record-iom-whereabouts', { whereabouts: 'unlocated', occurredAt, ...(note === undefined ? {} : { note }) });
const located = (occurredAt: string) => on('record-iom-whereabouts', { whereabouts: 'located', occurredAt });
const iomOf = (events: readonly CaseEvent[]): IomCaseState =>
  (evolveAll(caseDecider, events) as CaseRecord).panel as IomCaseState;

describe('case decider: IOM whereabouts (six months unlocated: consider a media appeal)', () => {
  it('records the nominal unlocated, the run counting from the UK date of occurredAt', () => {
    // 23:30 UTC in June is 00:30 BST the next day: a coordinator calls it 2 June.
    const at = '2024-06-01T23:30:00Z';
    spec
      .given(...caseHistory(iomCase()))
      .when(unlocated(at, '  Not at bail address; police unable to trace  '))
      .then([
        {
          type: 'iom-unlocated-recorded',
          data: { occurredAt: at, note: 'Not at bail address; police unable to trace' },
        },
      ]);
    expect(iomOf(caseHistory(iomCase(), unlocated(at))).unlocatedSince).toBe('2024-06-02');
  });

  it('ends the run when the nominal is located again, and a new run starts from its own day', () => {
    const ended = caseHistory(iomCase(), unlocated('2024-04-10T09:00:00Z'), located('2024-05-01T12:00:00Z'));
    expect(ended.at(-1)).toEqual({ type: 'iom-located-recorded', data: { occurredAt: '2024-05-01T12:00:00Z' } });
    expect(iomOf(ended).unlocatedSince).toBeUndefined();
    const again = caseHistory(
      iomCase(),
      unlocated('2024-04-10T09:00:00Z'),
      located('2024-05-01T12:00:00Z'),
      unlocated('2024-05-20T12:00:00Z'),
    );
    expect(iomOf(again).unlocatedSince).toBe('2024-05-20');
  });

  it('refuses a second run while one is open, and located when no run is open', () => {
    spec
      .given(...caseHistory(iomCase(), unlocated('2024-04-10T09:00:00Z')))
      .when(unlocated('2024-04-20T09:00:00Z'))
      .thenRejects('conflict', CASE_RULES.iomWhereaboutsChange);
    spec
      .given(...caseHistory(iomCase()))
      .when(located('2024-04-20T09:00:00Z'))
      .thenRejects('conflict', CASE_RULES.iomWhereaboutsChange);
  });

  it('dates a record from the UK day of the referral on, naming occurredAt', () => {
    // Referred 2024-03-04T10:00Z: earlier that morning is the same UK day.
    spec
      .given(...caseHistory(iomCase()))
      .when(unlocated('2024-03-04T08:00:00Z'))
      .thenEvents((events) => expect(events).toHaveLength(1));
    const refused = rejectionFrom(() =>
      caseDecider.decide(unlocated('2024-03-03T12:00:00Z'), evolveAll(caseDecider, caseHistory(iomCase()))),
    );
    expect(refused.kind).toBe('invalid');
    expect(refused.details).toEqual([
      expect.objectContaining({ field: 'occurredAt', rule: 'iom-whereabouts-from-referral' }),
    ]);
  });

  it('refuses a record dated before the UK day of the previous one, so a run cannot end before it began', () => {
    const open = caseHistory(iomCase(), unlocated('2024-04-10T09:00:00Z'));
    const refused = rejectionFrom(() =>
      caseDecider.decide(located('2024-04-09T12:00:00Z'), evolveAll(caseDecider, open)),
    );
    expect(refused.details).toEqual([
      expect.objectContaining({ field: 'occurredAt', rule: 'iom-whereabouts-in-order' }),
    ]);
    // Found the same day: a run of no days, allowed.
    spec
      .given(...open)
      .when(located('2024-04-10T18:00:00Z'))
      .thenEvents((events) => expect(events).toHaveLength(1));
    const ended = caseHistory(iomCase(), unlocated('2024-04-10T09:00:00Z'), located('2024-05-01T12:00:00Z'));
    spec
      .given(...ended)
      .when(unlocated('2024-04-20T12:00:00Z'))
      .thenRejects('invalid', CASE_RULES.iomWhereaboutsInOrder);
  });

  it('refuses a closed case, a case of another panel, an unknown whereabouts and a time without a zone', () => {
    const closed = caseHistory(
      iomCase(),
      on('adopt-iom-case', { reason: 'core cohort' }),
      on('close-case', { exitStatus: 'success' }),
    );
    spec
      .given(...closed)
      .when(unlocated('2024-04-10T09:00:00Z'))
      .thenRejects('conflict', CASE_RULES.caseOpen);
    spec
      .given(...caseHistory(referral('MARAC', maracInput())))
      .when(unlocated('2024-04-10T09:00:00Z'))
      .thenRejects('conflict', CASE_RULES.panelKind);
    spec
      .given(...caseHistory(iomCase()))
      .when(on('record-iom-whereabouts', { whereabouts: 'missing' as 'located', occurredAt: '2024-04-10T09:00:00Z' }))
      .thenRejects('invalid', 'one-of');
    spec
      .given(...caseHistory(iomCase()))
      .when(unlocated('2024-04-10T09:00:00'))
      .thenRejects('invalid', 'iso-instant');
  });
});
