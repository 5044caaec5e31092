import { deciderSpecification } from '../../../command-handling/src/testing/decider-specification';
import { evolveAll } from '../../../command-handling/src/decider';
import { caseDecider } from './case.decider';
import { statusInForceAt, type CaseRecord } from './case-state';
import { accepted, caseHistory, iomInput, on, referral } from './testing/case-fixtures';

/**
 * Coordinators enter a meeting's minutes late: a status dated before the current one is history
 * that `?asOf=` replays by `occurredAt`, even when it is the status the case has now. A review
 * repeating the status is the panel's word on its day too; only a retry (the same status with the
 * same `occurredAt` as the status in force then) records nothing.
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

  it('records the same status again, dated later: the panel said it again that day', () => {
    spec
      .given(...activeThenInCustody())
      .when(status('in-custody', DAY_12))
      .then([
        {
          type: 'case-status-changed',
          data: { status: 'in-custody', previousStatus: 'in-custody', occurredAt: DAY_12 },
        },
      ]);
  });

  it('records nothing for the same status sent again with the same occurredAt (a retry)', () => {
    spec
      .given(...activeThenInCustody())
      .when(status('in-custody', DAY_10))
      .thenNothingHappens();
    spec
      .given(...activeThenInCustody())
      .when(status('in-custody', '2024-03-13T11:00:00+01:00'))
      .thenNothingHappens();
  });

  it('keeps a later review repeating the status current when an earlier review is entered after it', () => {
    const DAY_11 = '2024-03-14T10:00:00Z';
    const after = evolveAll(
      caseDecider,
      caseHistory(
        referral('MAPPA', { kind: 'generic' }, DAY_1),
        accepted(),
        status('active', DAY_1),
        status('in-custody', DAY_10),
        status('in-custody', DAY_12), // the next panel: still in custody
        status('on-hold', DAY_11), // a review between the two, typed up last
      ),
    ) as CaseRecord;
    expect({
      current: after.currentStatus,
      since: after.statusChangedAt,
      eveningOfTheLateEntry: statusInForceAt(after, '2024-03-14T18:00:00Z'),
      eveningOfTheRepeat: statusInForceAt(after, '2024-03-15T18:00:00Z'),
    }).toEqual({
      current: 'in-custody',
      since: DAY_12,
      eveningOfTheLateEntry: 'on-hold',
      eveningOfTheRepeat: 'in-custody',
    });
  });

  it('records nothing when the late entry is sent again', () => {
    const late = caseDecider.decide(status('in-custody', DAY_5), evolveAll(caseDecider, activeThenInCustody()));
    expect(late).toHaveLength(1);
    spec
      .given(...activeThenInCustody(), ...late)
      .when(status('in-custody', DAY_5))
      .thenNothingHappens();
  });

  it('records a late entry repeating the status in force on its day: a review between them entered later reads it', () => {
    spec
      .given(...activeThenInCustody())
      .when(status('active', DAY_7))
      .then([{ type: 'case-status-changed', data: { status: 'active', previousStatus: 'active', occurredAt: DAY_7 } }]);
  });

  it("takes an IOM referral form's status as in force from the start, and a review repeating it as the panel's word", () => {
    spec
      .given(...caseHistory(referral('IOM', iomInput(), DAY_1)))
      .when(status('engaging-with-sentence', DAY_5))
      .then([
        {
          type: 'case-status-changed',
          data: { status: 'engaging-with-sentence', previousStatus: 'engaging-with-sentence', occurredAt: DAY_5 },
        },
      ]);
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
