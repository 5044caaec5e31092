import { deciderSpecification } from '../../../command-handling/src/testing/decider-specification';
import { caseDecider, createCaseDecider } from './case.decider';
import { definePanelRegistry, DEFAULT_PANEL_REGISTRY, MARAC_PANEL } from './panel-registry';
import type { ReferralMade } from './events/case-events';
import type { CaseRecord } from './case-state';
import { CASE_RULES } from './rule-names';
import { caseHistory, maracInput, rejectionFrom, PERPETRATOR_ID, referral, REFERRED_AT } from './testing/case-fixtures';

const spec = deciderSpecification(caseDecider);
const marac = (overrides: Parameters<typeof maracInput>[0] = {}, occurredAt = REFERRED_AT) =>
  referral('MARAC', maracInput(overrides), occurredAt);

/** Below every threshold, nothing ticked that holds: only a repeat could carry this referral. */
const belowThreshold = { dashScore: 9, policeCallouts12m: 1, criteriaTicked: [] };
const incidentAt = (occurredAt: string) => ({ incident: { occurredAt, summary: 'Synthetic incident' } });

function maracDetailsOf(events: readonly { type: string }[]) {
  const made = events.find((event): event is ReferralMade => event.type === 'referral-made');
  if (made?.data.details.kind !== 'marac') throw new Error('expected a MARAC referral');
  return made.data.details;
}

describe('case decider: MARAC referrals', () => {
  it('records the referral with the criteria met, the thresholds applied, perpetrator and children', () => {
    spec
      .given()
      .when(marac())
      .thenEvents((events) => {
        expect(events).toHaveLength(1);
        expect(maracDetailsOf(events)).toEqual({
          kind: 'marac',
          consent: { given: true },
          perpetrator: { personId: PERPETRATOR_ID, relationshipToVictim: 'ex-partner' },
          children: [{ name: 'Test Child', dateOfBirth: '2018-06-01' }],
          incident: { occurredAt: '2024-03-02T22:15:00Z', summary: 'Synthetic incident' },
          dashScore: 15,
          policeCallouts12m: 1,
          criteriaTicked: ['visible-high-risk'],
          criteriaMet: ['visible-high-risk'],
          repeat: false,
          repeatFrom: null,
          previousMaracReferralAt: null,
          thresholdsApplied: { dashThreshold: 14, policeCalloutsThreshold: 3, repeatWindowMonths: 12 },
        });
      });
  });

  describe('criteria', () => {
    it('accepts a DASH score of exactly 14 (visible high risk)', () => {
      spec
        .given()
        .when(marac({ dashScore: 14, criteriaTicked: [] }))
        .thenEvents((events) => expect(maracDetailsOf(events).criteriaMet).toEqual(['visible-high-risk']));
    });

    it('refuses a referral meeting no criterion, naming the rule', () => {
      spec.given().when(marac(belowThreshold)).thenRejects('rule-refused', CASE_RULES.maracReferralCriteria);
    });

    it('does not let a tick for visible high risk stand in for a qualifying DASH score', () => {
      spec
        .given()
        .when(marac({ ...belowThreshold, dashScore: 13, criteriaTicked: ['visible-high-risk'] }))
        .thenRejects('rule-refused', CASE_RULES.maracReferralCriteria);
      spec
        .given()
        .when(marac({ ...belowThreshold, dashScore: undefined, criteriaTicked: ['visible-high-risk'] }))
        .thenRejects('rule-refused', CASE_RULES.maracReferralCriteria);
    });

    it('accepts potential escalation at 3 police callouts in 12 months, not at 2', () => {
      spec
        .given()
        .when(marac({ ...belowThreshold, policeCallouts12m: 3 }))
        .thenEvents((events) => expect(maracDetailsOf(events).criteriaMet).toEqual(['potential-escalation']));
      spec
        .given()
        .when(marac({ ...belowThreshold, policeCallouts12m: 2, criteriaTicked: ['potential-escalation'] }))
        .thenRejects('rule-refused', CASE_RULES.maracReferralCriteria);
    });

    it('accepts professional judgement below every threshold', () => {
      spec
        .given()
        .when(marac({ ...belowThreshold, criteriaTicked: ['professional-judgement'] }))
        .thenEvents((events) => expect(maracDetailsOf(events).criteriaMet).toEqual(['professional-judgement']));
    });

    it("applies the panel's own thresholds from the registry", () => {
      const lowerThresholds = definePanelRegistry([
        ...DEFAULT_PANEL_REGISTRY.panels.filter((panel) => panel.code !== 'MARAC'),
        {
          ...MARAC_PANEL,
          rules: { kind: 'marac', dashThreshold: 9, policeCalloutsThreshold: 2, repeatWindowMonths: 12 },
        },
      ]);
      deciderSpecification(createCaseDecider(lowerThresholds))
        .given()
        .when(marac(belowThreshold))
        .thenEvents((events) => {
          const details = maracDetailsOf(events);
          expect(details.criteriaMet).toEqual(['visible-high-risk']);
          expect(details.thresholdsApplied).toEqual({
            dashThreshold: 9,
            policeCalloutsThreshold: 2,
            repeatWindowMonths: 12,
          });
        });
    });
  });

  describe('repeat', () => {
    it('detects a repeat within 12 months and lets it carry a referral below threshold, even unticked', () => {
      spec
        .given()
        .when(marac({ ...belowThreshold, previousMaracReferralAt: '2023-09-01' }))
        .thenEvents((events) => {
          const details = maracDetailsOf(events);
          expect(details.repeat).toBe(true);
          expect(details.criteriaMet).toEqual(['repeat']);
          expect(details.criteriaTicked).toEqual([]);
          expect(details.previousMaracReferralAt).toBe('2023-09-01');
        });
    });

    it('says the history decided a repeat it shows', () => {
      spec
        .given()
        .when(marac({ ...belowThreshold, previousMaracReferralAt: '2023-09-01' }))
        .thenEvents((events) => expect(maracDetailsOf(events).repeatFrom).toBe('history'));
    });

    it("counts the form's previous MARAC date (before go-live, another area's) as the last referral", () => {
      spec
        .given()
        .when(marac({ ...belowThreshold, previousMaracDateReported: '2023-09-01' }))
        .thenEvents((events) => {
          const details = maracDetailsOf(events);
          expect(details).toMatchObject({
            repeat: true,
            repeatFrom: 'reported',
            criteriaMet: ['repeat'],
            previousMaracDateReported: '2023-09-01',
            previousMaracReferralAt: null,
          });
        });
    });

    it("judges on the later of the history and the form's date, the form's anniversary in and the day after out", () => {
      const evidence = {
        ...belowThreshold,
        previousMaracReferralAt: '2021-06-01',
        previousMaracDateReported: '2022-03-04',
      };
      spec
        .given()
        .when(marac({ ...evidence, ...incidentAt('2023-03-04T08:00:00Z') }, '2023-03-06T16:00:00Z'))
        .thenEvents((events) => expect(maracDetailsOf(events)).toMatchObject({ repeat: true, repeatFrom: 'reported' }));
      spec
        .given()
        .when(marac({ ...evidence, ...incidentAt('2023-03-05T08:00:00Z') }, '2023-03-06T16:00:00Z'))
        .thenRejects('rule-refused', CASE_RULES.maracReferralCriteria);
    });

    it("refuses a reported previous MARAC date after this referral, naming the form's field", () => {
      spec
        .given()
        .when(marac({ ...belowThreshold, previousMaracDateReported: '2024-03-05' }))
        .thenRejects('invalid', CASE_RULES.maracPreviousBeforeReferral);
    });

    it('records repeat: true whatever else was ticked and met', () => {
      spec
        .given()
        .when(marac({ dashScore: 20, criteriaTicked: ['visible-high-risk'], previousMaracReferralAt: '2023-06-01' }))
        .thenEvents((events) => {
          expect(maracDetailsOf(events).repeat).toBe(true);
          expect(maracDetailsOf(events).criteriaMet).toEqual(['visible-high-risk', 'repeat']);
        });
    });

    it('judges the further incident, not the referral: an incident before the anniversary referred after it', () => {
      // Last referred 2 May 2023; assaulted again 28 April 2024, referred 9 May 2024.
      spec
        .given()
        .when(
          marac(
            {
              ...belowThreshold,
              previousMaracReferralAt: '2023-05-02T09:00:00Z',
              ...incidentAt('2024-04-28T22:00:00Z'),
            },
            '2024-05-09T09:00:00Z',
          ),
        )
        .thenEvents((events) => {
          expect(maracDetailsOf(events).repeat).toBe(true);
          expect(maracDetailsOf(events).criteriaMet).toEqual(['repeat']);
        });
    });

    it('finds no repeat when the incident is dated before the last referral: it is not a further incident', () => {
      const earlierIncident = {
        previousMaracReferralAt: '2024-03-01T09:00:00Z',
        ...incidentAt('2024-02-27T21:00:00Z'),
      };
      spec
        .given()
        .when(marac({ dashScore: 20, criteriaTicked: ['visible-high-risk'], ...earlierIncident }))
        .thenEvents((events) => {
          expect(maracDetailsOf(events).repeat).toBe(false);
          expect(maracDetailsOf(events).criteriaMet).toEqual(['visible-high-risk']);
        });
      spec
        .given()
        .when(marac({ ...belowThreshold, criteriaTicked: ['repeat'], ...earlierIncident }))
        .thenRejects('rule-refused', CASE_RULES.maracReferralCriteria);
    });

    it('counts an incident on the anniversary (day 365) and not the day after (day 366)', () => {
      spec
        .given()
        .when(
          marac(
            { ...belowThreshold, previousMaracReferralAt: '2022-03-04', ...incidentAt('2023-03-04T08:00:00Z') },
            '2023-03-06T16:00:00Z',
          ),
        )
        .thenEvents((events) => expect(maracDetailsOf(events).repeat).toBe(true));
      spec
        .given()
        .when(
          marac(
            { ...belowThreshold, previousMaracReferralAt: '2022-03-04', ...incidentAt('2023-03-05T08:00:00Z') },
            '2023-03-06T09:00:00Z',
          ),
        )
        .thenRejects('rule-refused', CASE_RULES.maracReferralCriteria);
    });

    it('ends the window of a 29 February referral on 28 February', () => {
      spec
        .given()
        .when(
          marac(
            { ...belowThreshold, previousMaracReferralAt: '2020-02-29', ...incidentAt('2021-02-28T10:00:00Z') },
            '2021-03-02T12:00:00Z',
          ),
        )
        .thenEvents((events) => expect(maracDetailsOf(events).repeat).toBe(true));
      spec
        .given()
        .when(
          marac(
            { ...belowThreshold, previousMaracReferralAt: '2020-02-29', ...incidentAt('2021-03-01T10:00:00Z') },
            '2021-03-02T12:00:00Z',
          ),
        )
        .thenRejects('rule-refused', CASE_RULES.maracReferralCriteria);
    });

    it('counts 1 Mar 2019 → 1 Mar 2020 (366 days across a leap day) as within 12 months', () => {
      spec
        .given()
        .when(
          marac(
            { ...belowThreshold, previousMaracReferralAt: '2019-03-01', ...incidentAt('2020-03-01T10:00:00Z') },
            '2020-03-01T12:00:00Z',
          ),
        )
        .thenEvents((events) => expect(maracDetailsOf(events).repeat).toBe(true));
    });

    it('refuses a previous referral dated after this referral, naming it', () => {
      spec
        .given()
        .when(marac({ ...belowThreshold, previousMaracReferralAt: '2024-03-05' }))
        .thenRejects('invalid', 'marac-previous-referral-before-this-one');
    });

    it('does not make a repeat from a tick alone', () => {
      spec
        .given()
        .when(marac({ ...belowThreshold, criteriaTicked: ['repeat'] }))
        .thenRejects('rule-refused', CASE_RULES.maracReferralCriteria);
    });

    it('keeps the repeat flag on the case state', () => {
      const events = caseHistory(marac({ ...belowThreshold, previousMaracReferralAt: '2023-09-01' }));
      const state = events.reduce(caseDecider.evolve, caseDecider.initialState()) as CaseRecord;
      expect(state.panel).toMatchObject({ kind: 'marac', repeat: true, perpetratorPersonId: PERPETRATOR_ID });
    });
  });

  describe('consent', () => {
    it('records consent not given with its justification', () => {
      spec
        .given()
        .when(marac({ consent: { given: false, justification: '  Risk of serious harm to the victim  ' } }))
        .thenEvents((events) =>
          expect(maracDetailsOf(events).consent).toEqual({
            given: false,
            justification: 'Risk of serious harm to the victim',
          }),
        );
    });

    it('refuses consent not given without a justification, naming marac.consent.justification', () => {
      const rejection = rejectionFrom(() =>
        caseDecider.decide(marac({ consent: { given: false, justification: ' ' } }), { exists: false }),
      );
      expect(rejection.kind).toBe('invalid');
      expect(rejection.details.map((detail) => detail.field)).toEqual(['marac.consent.justification']);
      spec
        .given()
        .when(marac({ consent: { given: false, justification: '' } }))
        .thenRejects('invalid', CASE_RULES.maracConsentJustified);
    });
  });

  it('refuses a negative DASH score as invalid', () => {
    spec
      .given()
      .when(marac({ dashScore: -1 }))
      .thenRejects('invalid', 'non-negative-integer');
  });

  it('refuses a perpetrator without a person id', () => {
    spec
      .given()
      .when(marac({ perpetrator: { personId: '', relationshipToVictim: 'partner' } }))
      .thenRejects('invalid', 'id');
  });
});
