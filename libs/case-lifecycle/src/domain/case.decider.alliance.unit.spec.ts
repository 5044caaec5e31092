import { deciderSpecification } from '../../../command-handling/src/testing/decider-specification';
import { evolveAll } from '../../../command-handling/src/decider';
import { caseDecider, createCaseDecider } from './case.decider';
import { ALLIANCE_PANEL, definePanelRegistry, DEFAULT_PANEL_REGISTRY } from './panel-registry';
import { isFollowUpOverdue, overdueFollowUps } from './rules/alliance-engagement';
import type { AllianceOutcome } from './vocabulary/alliance';
import type { CaseCommand } from './commands/case-commands';
import { CASE_RULES } from './rule-names';
import { caseHistory, on, referral, rejectionFrom } from './testing/case-fixtures';

const spec = deciderSpecification(caseDecider);
const ENGAGED_AT = '2020-11-03T21:40:00Z';
const DUE_AT = '2020-11-05T21:40:00.000Z';

const allianceReferral = () =>
  referral('ALLIANCE', { kind: 'alliance', custodySuite: 'Test Custody Suite' }, ENGAGED_AT);
const engagement = (
  overrides: {
    ageAtEngagement?: number;
    outcome?: AllianceOutcome;
    engagementId?: string;
    residenceBorough?: string;
  } = {},
) =>
  on('record-alliance-engagement', {
    engagementId: overrides.engagementId ?? 'engagement-1',
    custodySuite: 'Test Custody Suite',
    ageAtEngagement: overrides.ageAtEngagement ?? 15,
    residenceBorough: overrides.residenceBorough ?? 'Enfield',
    knownToYos: null,
    occurredAt: ENGAGED_AT,
    ...(overrides.outcome === undefined ? {} : { outcome: overrides.outcome }),
  });
const outcome = (value: AllianceOutcome, engagementId = 'engagement-1') =>
  on('record-alliance-engagement-outcome', { engagementId, outcome: value, occurredAt: '2020-11-04T10:00:00Z' });
const followUp = (occurredAt = '2020-11-05T12:00:00Z') =>
  on('complete-alliance-follow-up', { engagementId: 'engagement-1', occurredAt, note: 'Met at home with parent' });
const engaged = (...more: CaseCommand[]) => caseHistory(allianceReferral(), engagement(), ...more);
/** A child living outside the scheme's boroughs, whom a MASH outcome fits. */
const engagedFromKent = (...more: CaseCommand[]) =>
  caseHistory(allianceReferral(), engagement({ residenceBorough: 'Kent' }), ...more);

describe('case decider: Operation Alliance', () => {
  describe('engagement in custody', () => {
    it('records the engagement with its follow-up due 48 hours later', () => {
      spec
        .given(...caseHistory(allianceReferral()))
        .when(engagement())
        .then([
          {
            type: 'alliance-engagement-recorded',
            data: {
              engagementId: 'engagement-1',
              custodySuite: 'Test Custody Suite',
              ageAtEngagement: 15,
              residenceBorough: 'Enfield',
              knownToYos: null,
              occurredAt: ENGAGED_AT,
              followUpDueAt: DUE_AT,
            },
          },
        ]);
    });

    it.each([10, 18])('accepts a child aged %p (the range is inclusive)', (ageAtEngagement) => {
      spec
        .given(...caseHistory(allianceReferral()))
        .when(engagement({ ageAtEngagement }))
        .thenEvents((events) => expect(events).toHaveLength(1));
    });

    it.each([9, 19])('refuses a child aged %p (rule-refused naming ageAtEngagement)', (ageAtEngagement) => {
      spec
        .given(...caseHistory(allianceReferral()))
        .when(engagement({ ageAtEngagement }))
        .thenRejects('rule-refused', CASE_RULES.allianceAgeRange);
      const rejection = rejectionFrom(() =>
        caseDecider.decide(engagement({ ageAtEngagement }), evolveAll(caseDecider, caseHistory(allianceReferral()))),
      );
      expect(rejection.details[0]?.field).toBe('ageAtEngagement');
    });

    it('refuses an age that is not a whole number of years as invalid', () => {
      spec
        .given(...caseHistory(allianceReferral()))
        .when(engagement({ ageAtEngagement: 15.5 }))
        .thenRejects('invalid', 'whole-years');
    });

    it('records known-to-YOS as true, false or null (not checked)', () => {
      spec
        .given(...caseHistory(allianceReferral()))
        .when({ ...engagement(), data: { ...engagement().data, knownToYos: true } })
        .thenEvents((events) => expect(events[0]).toMatchObject({ data: { knownToYos: true } }));
    });

    it('records the outcome with the engagement when it is already known', () => {
      spec
        .given(...caseHistory(allianceReferral()))
        .when(engagement({ outcome: 'would-not-engage' }))
        .thenEvents((events) =>
          expect(events[1]).toEqual({
            type: 'alliance-engagement-outcome-recorded',
            data: {
              engagementId: 'engagement-1',
              outcome: 'would-not-engage',
              previousOutcome: null,
              followUpDueAt: DUE_AT,
              occurredAt: ENGAGED_AT,
            },
          }),
        );
    });

    it('refuses an engagement id already used', () => {
      spec
        .given(...engaged())
        .when(engagement())
        .thenRejects('conflict', CASE_RULES.allianceEngagementIdUnique);
    });

    it('takes the follow-up hours from the registry', () => {
      const registry = definePanelRegistry([
        ...DEFAULT_PANEL_REGISTRY.panels.filter((panel) => panel.code !== 'ALLIANCE'),
        {
          ...ALLIANCE_PANEL,
          rules: { kind: 'alliance', followUpHours: 24, minimumAge: 10, maximumAge: 18, homeBoroughs: [] },
        },
      ]);
      deciderSpecification(createCaseDecider(registry))
        .given(...caseHistory(allianceReferral()))
        .when(engagement())
        .thenEvents((events) =>
          expect(events[0]).toMatchObject({ data: { followUpDueAt: '2020-11-04T21:40:00.000Z' } }),
        );
    });

    it('refuses Alliance commands on a case of another panel', () => {
      spec
        .given(...caseHistory(referral('MAPPA', { kind: 'generic' })))
        .when(engagement())
        .thenRejects('conflict', CASE_RULES.panelKind);
    });
  });

  describe('one outcome per engagement', () => {
    it.each<AllianceOutcome>(['intervention-arranged', 'awaiting-intervention', 'would-not-engage'])(
      'records %s with the follow-up it owes',
      (value) => {
        spec
          .given(...engaged())
          .when(outcome(value))
          .then([
            {
              type: 'alliance-engagement-outcome-recorded',
              data: {
                engagementId: 'engagement-1',
                outcome: value,
                previousOutcome: null,
                followUpDueAt: DUE_AT,
                occurredAt: '2020-11-04T10:00:00Z',
              },
            },
          ]);
      },
    );

    it('owes no follow-up for an out-of-area child handed to their own MASH', () => {
      spec
        .given(...engagedFromKent())
        .when(outcome('out-of-area-mash-referral'))
        .thenEvents((events) => expect(events[0]).toMatchObject({ data: { followUpDueAt: null } }));
    });

    it('lets awaiting-intervention become intervention-arranged, and says so', () => {
      spec
        .given(...engaged(outcome('awaiting-intervention')))
        .when(outcome('intervention-arranged'))
        .thenEvents((events) =>
          expect(events[0]).toMatchObject({
            data: { outcome: 'intervention-arranged', previousOutcome: 'awaiting-intervention' },
          }),
        );
    });

    it('records nothing when the same outcome is sent again', () => {
      spec
        .given(...engaged(outcome('would-not-engage')))
        .when(outcome('would-not-engage'))
        .thenNothingHappens();
    });

    const refusedChanges: [AllianceOutcome, AllianceOutcome][] = [
      ['intervention-arranged', 'awaiting-intervention'],
      ['would-not-engage', 'intervention-arranged'],
      ['awaiting-intervention', 'would-not-engage'],
      ['out-of-area-mash-referral', 'intervention-arranged'],
      ['intervention-arranged', 'out-of-area-mash-referral'],
    ];
    it.each(refusedChanges)('refuses a change from %s to %s (conflict)', (from, to) => {
      spec
        .given(...engagedFromKent(outcome(from)))
        .when(outcome(to))
        .thenRejects('conflict', CASE_RULES.allianceOutcomeChange);
    });

    it('refuses an outcome for an unknown engagement (not found)', () => {
      spec
        .given(...engaged())
        .when(outcome('would-not-engage', 'engagement-9'))
        .thenRejects('not-found', CASE_RULES.allianceEngagementExists);
    });
  });

  describe('follow-up', () => {
    it('records a completed follow-up, once', () => {
      spec
        .given(...engaged())
        .when(followUp())
        .then([
          {
            type: 'alliance-follow-up-completed',
            data: { engagementId: 'engagement-1', occurredAt: '2020-11-05T12:00:00Z', note: 'Met at home with parent' },
          },
        ]);
      spec
        .given(...engaged(followUp()))
        .when(followUp())
        .thenRejects('conflict', CASE_RULES.allianceFollowUpOnce);
    });

    it('is overdue only strictly after engagement + 48 h', () => {
      const state = evolveAll(caseDecider, engaged());
      expect(isFollowUpOverdue(state, '2020-11-05T21:39:59Z')).toBe(false);
      expect(isFollowUpOverdue(state, '2020-11-05T21:40:00Z')).toBe(false);
      expect(isFollowUpOverdue(state, '2020-11-05T21:40:01Z')).toBe(true);
      expect(overdueFollowUps(state, '2020-11-06T00:00:00Z').map((e) => e.engagementId)).toEqual(['engagement-1']);
    });

    it('is not overdue once completed, for an out-of-area child, or on a closed case', () => {
      const after = '2020-11-09T00:00:00Z';
      expect(isFollowUpOverdue(evolveAll(caseDecider, engaged(followUp())), after)).toBe(false);
      expect(
        isFollowUpOverdue(evolveAll(caseDecider, engagedFromKent(outcome('out-of-area-mash-referral'))), after),
      ).toBe(false);
      const closed = engaged(on('accept-referral', {}), on('close-case', { exitStatus: 'disengaged' }));
      expect(isFollowUpOverdue(evolveAll(caseDecider, closed), after)).toBe(false);
    });

    it('is still owed after "would not engage"', () => {
      expect(
        isFollowUpOverdue(evolveAll(caseDecider, engaged(outcome('would-not-engage'))), '2020-11-09T00:00:00Z'),
      ).toBe(true);
    });

    it('is false for a case of another panel, or no case', () => {
      expect(isFollowUpOverdue(caseDecider.initialState(), '2020-11-09T00:00:00Z')).toBe(false);
    });

    it('refuses a "now" that is not an instant with a zone', () => {
      expect(() => isFollowUpOverdue(caseDecider.initialState(), '2020-11-09 00:00')).toThrow(/ISO-8601/);
    });
  });
});
