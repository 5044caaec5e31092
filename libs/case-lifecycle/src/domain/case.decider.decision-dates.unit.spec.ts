import { evolveAll } from '../../../command-handling/src/decider';
import { deciderSpecification } from '../../../command-handling/src/testing/decider-specification';
import { caseDecider } from './case.decider';
import type { CaseCommand } from './commands/case-commands';
import { accepted, caseHistory, iomInput, LATER, on, referral, rejectionFrom } from './testing/case-fixtures';

/** Referred 2024-03-04T10:00Z (a Monday, GMT): decisions and closures are dated from that UK day on. */
const spec = deciderSpecification(caseDecider);
const eligible = () => referral('IOM', iomInput({ ogrs2y: 80, ovp2y: 35 }));
const notEligible = () => referral('IOM', iomInput({ ogrs2y: 40, ovp2y: 10 }));
const adopt = (occurredAt: string) => on('adopt-iom-case', { reason: 'Core cohort', occurredAt, dated: true });
const reject = (occurredAt: string) => on('reject-iom-case', { category: 'capacity', occurredAt });
const byDiscretion = (occurredAt: string) =>
  on('adopt-iom-case-by-discretion', { category: 'domestic-abuse', occurredAt });
const close = (occurredAt: string) => on('close-case', { exitStatus: 'success', occurredAt });

function refusal(history: readonly CaseCommand[], command: CaseCommand) {
  const refused = rejectionFrom(() => caseDecider.decide(command, evolveAll(caseDecider, caseHistory(...history))));
  return { kind: refused.kind, details: refused.details };
}

describe('case decider: decisions and closures are not dated before the referral', () => {
  it.each([
    ['adopted', eligible, adopt],
    ['rejected', eligible, reject],
    ['adopted by discretion', notEligible, byDiscretion],
  ])('refuses an IOM case %s on a UK day before its referral, naming occurredAt', (_, referred, decide) => {
    expect(refusal([referred()], decide('2024-01-05T10:00:00Z'))).toEqual({
      kind: 'invalid',
      details: [expect.objectContaining({ field: 'occurredAt', rule: 'iom-decision-from-referral' })],
    });
    // 23:30Z on 3 March is still 3 March in London (GMT): the day before.
    expect(refusal([referred()], decide('2024-03-03T23:30:00Z')).details).toEqual([
      expect.objectContaining({ rule: 'iom-decision-from-referral' }),
    ]);
    // Earlier on the referral's own UK day: allowed (reports count days).
    spec
      .given(...caseHistory(referred()))
      .when(decide('2024-03-04T08:00:00Z'))
      .thenEvents((events) => expect(events).toHaveLength(2));
  });

  it.each([
    ['accepted', (occurredAt: string) => on('accept-referral', { occurredAt, dated: true })],
    [
      'declined',
      (occurredAt: string) => on('decline-referral', { reason: 'Below threshold', occurredAt, dated: true }),
    ],
  ])('refuses a generic referral %s on a UK day before it was made, naming occurredAt', (_, decide) => {
    const mappa = () => referral('MAPPA', { kind: 'generic' });
    for (const at of ['2024-01-05T10:00:00Z', '2024-03-03T23:30:00Z']) {
      expect(refusal([mappa()], decide(at))).toEqual({
        kind: 'invalid',
        details: [expect.objectContaining({ field: 'occurredAt', rule: 'decision-from-referral' })],
      });
    }
    spec
      .given(...caseHistory(mappa()))
      .when(decide('2024-03-04T08:00:00Z'))
      .thenEvents((events) => expect(events).toHaveLength(1));
  });

  it('refuses a closure on a UK day before the referral, on any panel', () => {
    const iom = [eligible(), adopt('2024-03-04T09:00:00Z')];
    expect(refusal(iom, close('2024-02-10T10:00:00Z'))).toEqual({
      kind: 'invalid',
      details: [expect.objectContaining({ field: 'occurredAt', rule: 'closure-from-referral' })],
    });
    const mappa = [referral('MAPPA', { kind: 'generic' }), accepted()];
    expect(
      refusal(mappa, on('close-case', { exitStatus: 'objectives-met', occurredAt: '2024-03-03T12:00:00Z' })),
    ).toEqual({
      kind: 'invalid',
      details: [expect.objectContaining({ field: 'occurredAt', rule: 'closure-from-referral' })],
    });
    spec
      .given(...caseHistory(...iom))
      .when(close('2024-03-04T12:00:00Z'))
      .thenEvents((events) => expect(events.map((event) => event.type)).toEqual(['case-closed']));
  });

  it('refuses a closure on a UK day before the adoption or acceptance, naming occurredAt', () => {
    const iom = [eligible(), adopt('2024-03-20T10:00:00Z')];
    expect(refusal(iom, close('2024-03-10T10:00:00Z'))).toEqual({
      kind: 'invalid',
      details: [expect.objectContaining({ field: 'occurredAt', rule: 'closure-after-decision' })],
    });
    const mappa = [
      referral('MAPPA', { kind: 'generic' }),
      on('accept-referral', { occurredAt: '2024-03-20T10:00:00Z', dated: true }),
    ];
    expect(
      refusal(mappa, on('close-case', { exitStatus: 'objectives-met', occurredAt: '2024-03-19T23:30:00Z' })).details,
    ).toEqual([expect.objectContaining({ rule: 'closure-after-decision' })]);
    // The same UK day as the adoption: a case in the cohort for no nights, allowed.
    spec
      .given(...caseHistory(...iom))
      .when(close('2024-03-20T08:00:00Z'))
      .thenEvents((events) => expect(events).toHaveLength(1));
  });

  it('bounds a closure by the decision only when the client dated it', () => {
    // Sent without a date, an accept or adoption is dated when it was recorded (LATER, 20 March),
    // not when the panel decided: a closure on its real, earlier day stands.
    const closedEarlier = on('close-case', { exitStatus: 'objectives-met', occurredAt: '2024-03-10T10:00:00Z' });
    spec
      .given(...caseHistory(eligible(), on('adopt-iom-case', { reason: 'Core cohort' })))
      .when(close('2024-03-10T10:00:00Z'))
      .thenEvents((events) => expect(events.map((event) => event.type)).toEqual(['case-closed']));
    spec
      .given(...caseHistory(referral('MAPPA', { kind: 'generic' }), accepted()))
      .when(closedEarlier)
      .thenEvents((events) => expect(events.map((event) => event.type)).toEqual(['case-closed']));
    // An accept recorded before decisions said whether they were dated reads as undated.
    spec
      .given(...caseHistory(referral('MAPPA', { kind: 'generic' })), {
        type: 'referral-accepted',
        data: { occurredAt: LATER },
      })
      .when(closedEarlier)
      .thenEvents((events) => expect(events.map((event) => event.type)).toEqual(['case-closed']));
    // A dated decision says so on its event, so the bound outlives the command.
    expect(caseHistory(eligible(), adopt('2024-03-20T10:00:00Z')).at(-1)).toEqual({
      type: 'referral-accepted',
      data: { occurredAt: '2024-03-20T10:00:00Z', dated: true },
    });
  });
});
