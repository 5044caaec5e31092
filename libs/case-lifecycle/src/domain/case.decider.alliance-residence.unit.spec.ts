import { deciderSpecification } from '../../../command-handling/src/testing/decider-specification';
import { evolveAll } from '../../../command-handling/src/decider';
import { caseDecider } from './case.decider';
import type { AllianceOutcome } from './vocabulary/alliance';
import type { CaseCommand } from './commands/case-commands';
import { CASE_RULES } from './rule-names';
import { caseHistory, on, referral } from './testing/case-fixtures';

const spec = deciderSpecification(caseDecider);
const ENGAGED_AT = '2020-11-03T21:40:00Z';
const MOVED_AT = '2020-11-10T10:00:00Z';

const allianceReferral = () =>
  referral('ALLIANCE', { kind: 'alliance', custodySuite: 'Test Custody Suite' }, ENGAGED_AT);
const engagement = (residenceBorough: string) =>
  on('record-alliance-engagement', {
    engagementId: 'engagement-1',
    custodySuite: 'Test Custody Suite',
    ageAtEngagement: 15,
    residenceBorough,
    knownToYos: null,
    occurredAt: ENGAGED_AT,
  });
const residence = (residenceBorough: string, occurredAt = MOVED_AT, reason = 'Moved in with his aunt') =>
  on('record-alliance-residence', { engagementId: 'engagement-1', residenceBorough, reason, occurredAt });
const outcome = (value: AllianceOutcome, occurredAt: string) =>
  on('record-alliance-engagement-outcome', { engagementId: 'engagement-1', outcome: value, occurredAt });
const engaged = (typed: string, ...more: CaseCommand[]) => caseHistory(allianceReferral(), engagement(typed), ...more);

describe('case decider: Operation Alliance residence, one borough, corrected after the engagement', () => {
  it('refuses an engagement whose residence names a home borough and another borough (400 naming it)', () => {
    spec
      .given(...caseHistory(allianceReferral()))
      .when(engagement('Barnet, near Enfield'))
      .thenRejects('invalid', CASE_RULES.allianceResidenceAmbiguous);
  });

  it('records the corrected residence, what it replaces, why and from when', () => {
    spec
      .given(...engaged('Barnet'))
      .when(residence('LB Enfield'))
      .then([
        {
          type: 'alliance-residence-recorded',
          data: {
            engagementId: 'engagement-1',
            residenceBorough: 'LB Enfield',
            previous: 'Barnet',
            reason: 'Moved in with his aunt',
            occurredAt: MOVED_AT,
          },
        },
      ]);
  });

  it('judges a MASH outcome by the residence in force at the outcome’s time', () => {
    const moved = residence('LB Enfield');
    spec
      .given(...engaged('Barnet', moved))
      .when(outcome('out-of-area-mash-referral', '2020-11-11T10:00:00Z'))
      .thenRejects('rule-refused', CASE_RULES.allianceOutOfAreaResidence);
    spec
      .given(...engaged('Barnet', moved))
      .when(outcome('out-of-area-mash-referral', '2020-11-04T10:00:00Z'))
      .thenEvents((events) => expect(events).toHaveLength(1));
    spec
      .given(...engaged('Haringey', residence('Barnet', ENGAGED_AT, 'Mistyped in custody')))
      .when(outcome('out-of-area-mash-referral', '2020-11-04T10:00:00Z'))
      .thenEvents((events) => expect(events).toHaveLength(1));
  });

  it('keeps the residence in force by when it holds from, whatever order corrections are entered in', () => {
    const state = evolveAll(
      caseDecider,
      engaged('Barnet', residence('LB Enfield', MOVED_AT), residence('Haringey', '2020-11-05T10:00:00Z')),
    );
    const shown = state.exists && state.panel.kind === 'alliance' ? state.panel.engagements['engagement-1'] : undefined;
    expect(shown?.residenceBorough).toBe('LB Enfield');
    expect(shown?.residenceHistory.map((entry) => entry.residenceBorough)).toEqual([
      'Barnet',
      'Haringey',
      'LB Enfield',
    ]);
  });

  it('records the residence in force again as nothing; refuses two boroughs, no reason, or a date before the engagement', () => {
    spec
      .given(...engaged('Barnet'))
      .when(residence('Barnet '))
      .thenNothingHappens();
    spec
      .given(...engaged('Barnet'))
      .when(residence('Hackney (school in Haringey)'))
      .thenRejects('invalid', CASE_RULES.allianceResidenceAmbiguous);
    spec
      .given(...engaged('Barnet'))
      .when(residence('Haringey', MOVED_AT, ' '))
      .thenRejects('invalid', CASE_RULES.allianceResidenceReason);
    spec
      .given(...engaged('Barnet'))
      .when(residence('Haringey', '2020-11-01T10:00:00Z'))
      .thenRejects('rule-refused', CASE_RULES.allianceAfterEngagement);
  });
});

describe('case decider: Operation Alliance residence on a closed case', () => {
  const closedAt = '2020-11-20T10:00:00Z';
  const closed = (typed: string) =>
    engaged(
      typed,
      on('accept-referral', { occurredAt: '2020-11-04T10:00:00Z' }),
      on('close-case', { exitStatus: 'disengaged', occurredAt: closedAt }),
    );

  it('puts right a residence mistyped in custody after the case is closed, so the evaluation counts the right borough', () => {
    spec
      .given(...closed('Enfield'))
      .when(residence('Barnet', ENGAGED_AT, 'Mistyped in custody'))
      .thenEvents((events) => expect(events.map((event) => event.type)).toEqual(['alliance-residence-recorded']));
  });

  it('takes a move up to the closure but not one after it, when the scheme no longer followed the child', () => {
    spec
      .given(...closed('Barnet'))
      .when(residence('Haringey', closedAt))
      .thenEvents((events) => expect(events).toHaveLength(1));
    spec
      .given(...closed('Barnet'))
      .when(residence('Haringey', '2020-11-21T10:00:00Z'))
      .thenRejects('rule-refused', CASE_RULES.allianceResidenceNotAfterClosure);
  });
});

describe('case decider: Operation Alliance residence against an out-of-area MASH outcome already recorded', () => {
  const MASH_AT = '2020-11-08T10:00:00Z';
  const handedToMash = (typed: string) => engaged(typed, outcome('out-of-area-mash-referral', MASH_AT));

  it('refuses a home borough in force at the outcome’s time: the child would be one the scheme follows up, handed away', () => {
    for (const at of [ENGAGED_AT, '2020-11-07T10:00:00Z', MASH_AT]) {
      spec
        .given(...handedToMash('Barnet'))
        .when(residence('Enfield', at))
        .thenRejects('rule-refused', CASE_RULES.allianceResidenceContradictsOutcome);
    }
  });

  it('takes a move into a home borough after the outcome, and any residence outside the scheme’s boroughs', () => {
    spec
      .given(...handedToMash('Barnet'))
      .when(residence('Enfield', '2020-11-08T10:01:00Z'))
      .thenEvents((events) => expect(events).toHaveLength(1));
    spec
      .given(...handedToMash('Barnet'))
      .when(residence('Camden', ENGAGED_AT, 'Mistyped in custody'))
      .thenEvents((events) => expect(events).toHaveLength(1));
  });

  it('judges by the residence in force at the outcome after the correction, not by the correction alone', () => {
    // Moved out before the outcome; a correction of the typed residence before that move leaves Barnet at the outcome.
    spec
      .given(
        ...engaged(
          'Camden',
          residence('Barnet', '2020-11-05T10:00:00Z'),
          outcome('out-of-area-mash-referral', MASH_AT),
        ),
      )
      .when(residence('Haringey', ENGAGED_AT, 'Mistyped in custody'))
      .thenEvents((events) => expect(events).toHaveLength(1));
  });
});
