import { evolveAll } from '../../../command-handling/src/decider';
import { deciderSpecification } from '../../../command-handling/src/testing/decider-specification';
import { caseDecider } from './case.decider';
import type { CaseCommand } from './commands/case-commands';
import type { CaseRecord } from './case-state';
import { accepted, caseHistory, iomInput, on, referral, rejectionFrom } from './testing/case-fixtures';

/**
 * Referred 2024-03-04T10:00Z (a Monday, GMT). A status, RAG rating or engagement level dated
 * before the referral's UK day would stand in `?asOf=` for the days after it; the referral form's
 * status would lose to a status nobody on the panel recorded while the case existed.
 */
const spec = deciderSpecification(caseDecider);
const iomCase = () => caseHistory(referral('IOM', iomInput()));
const genericCase = () => caseHistory(referral('MAPPA', { kind: 'generic' }), accepted());

const status = (occurredAt: string) => on('change-case-status', { status: 'custody', occurredAt });
const rating = (occurredAt: string) => on('rate-risk', { rating: 'red', occurredAt });
const level = (occurredAt: string) => on('record-engagement', { level: 'no-attendance-or-engagement', occurredAt });

const dated: readonly [string, (at: string) => CaseCommand, string][] = [
  ['a status', status, 'case-status-from-referral'],
  ['a RAG rating', rating, 'risk-rating-from-referral'],
  ['an engagement level', level, 'engagement-from-referral'],
];

describe('case decider: statuses, ratings and engagement levels are not dated before the referral', () => {
  it.each(dated)('refuses %s on a UK day before the referral, naming occurredAt and the rule', (_, command, rule) => {
    for (const at of ['2019-01-01T10:00:00Z', '2024-03-03T23:30:00Z']) {
      const refused = rejectionFrom(() => caseDecider.decide(command(at), evolveAll(caseDecider, iomCase())));
      expect({ kind: refused.kind, details: refused.details }).toEqual({
        kind: 'invalid',
        details: [expect.objectContaining({ field: 'occurredAt', rule })],
      });
    }
  });

  it.each(dated)('records %s earlier on the referral’s own UK day', (_, command) => {
    spec
      .given(...iomCase())
      .when(command('2024-03-04T08:00:00Z'))
      .thenEvents((events) => expect(events).toHaveLength(1));
  });

  it('keeps the referral form’s status in force on the referral day when an earlier status is refused', () => {
    const history = iomCase();
    expect(() => caseDecider.decide(status('2019-01-01T10:00:00Z'), evolveAll(caseDecider, history))).toThrow();
    const state = evolveAll(caseDecider, history) as CaseRecord;
    expect(state.statusHistory).toEqual([{ status: 'engaging-with-sentence' }]);
  });

  it('applies to generic panels too', () => {
    spec
      .given(...genericCase())
      .when(on('change-case-status', { status: 'active', occurredAt: '2024-02-01T10:00:00Z' }))
      .thenRejects('invalid', 'case-status-from-referral');
  });
});
