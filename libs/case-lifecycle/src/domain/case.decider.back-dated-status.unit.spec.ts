import { deciderSpecification } from '../../../command-handling/src/testing/decider-specification';
import { evolveAll } from '../../../command-handling/src/decider';
import { caseDecider } from './case.decider';
import type { CaseRecord } from './case-state';
import { accepted, caseHistory, iomInput, on, referral } from './testing/case-fixtures';

/**
 * Coordinators enter a meeting's minutes late: a status dated before the current one is history
 * that `?asOf=` replays by `occurredAt`, even when it is the status the case has now.
 */
const spec = deciderSpecification(caseDecider);

const DAY_1 = '2024-03-04T10:00:00Z';
const DAY_5 = '2024-03-08T10:00:00Z';
const DAY_7 = '2024-03-10T10:00:00Z';
const DAY_10 = '2024-03-13T10:00:00Z';
const DAY_12 = '2024-03-15T10:00:00Z';

const status = (code: string, occurredAt: string) => on('change-case-status', { status: code, occurredAt });
/** A generic panel's case: active on day 1, in custody on day 10. */
const activeThenInCustody = () =>
  caseHistory(
    referral('MAPPA', { kind: 'generic' }, DAY_1),
    accepted(),
    status('active', DAY_1),
    status('in-custody', DAY_10),
  );

describe('case decider: a status entered late about an earlier day', () => {
  it.each([
    ['the status the case has now, dated before it, as history', 'in-custody'],
    ['another status, dated before the current one, as history', 'on-hold'],
  ])('records %s, naming the status in force on its day as the previous one', (_, code) => {
    spec
      .given(...activeThenInCustody())
      .when(status(code, DAY_5))
      .then([{ type: 'case-status-changed', data: { status: code, previousStatus: 'active', occurredAt: DAY_5 } }]);
  });

  it('keeps the latest status by occurredAt as the current one', () => {
    const history = activeThenInCustody();
    const late = caseDecider.decide(status('in-custody', DAY_5), evolveAll(caseDecider, history));
    const after = evolveAll(caseDecider, [...history, ...late]) as CaseRecord;
    expect({ recorded: late.length, status: after.currentStatus, since: after.statusChangedAt }).toEqual({
      recorded: 1,
      status: 'in-custody',
      since: DAY_10,
    });
  });

  it.each([
    ['the same status again, dated later', DAY_12],
    ['the same status again, dated the same', DAY_10],
  ])('records nothing for %s', (_, occurredAt) => {
    spec
      .given(...activeThenInCustody())
      .when(status('in-custody', occurredAt))
      .thenNothingHappens();
  });

  it('records nothing when the late entry is sent again', () => {
    const late = caseDecider.decide(status('in-custody', DAY_5), evolveAll(caseDecider, activeThenInCustody()));
    expect(late).toHaveLength(1);
    spec
      .given(...activeThenInCustody(), ...late)
      .when(status('in-custody', DAY_5))
      .thenNothingHappens();
  });

  it('records nothing for a late entry saying what the history already says on its day', () => {
    spec
      .given(...activeThenInCustody())
      .when(status('active', DAY_7))
      .thenNothingHappens();
  });

  it("takes an IOM referral form's status as in force from the start", () => {
    spec
      .given(...caseHistory(referral('IOM', iomInput(), DAY_1)))
      .when(status('engaging-with-sentence', DAY_5))
      .thenNothingHappens();
    spec
      .given(...caseHistory(referral('IOM', iomInput(), DAY_1), status('custody', DAY_10)))
      .when(status('custody', DAY_5))
      .then([
        {
          type: 'case-status-changed',
          data: { status: 'custody', previousStatus: 'engaging-with-sentence', occurredAt: DAY_5 },
        },
      ]);
  });
});
