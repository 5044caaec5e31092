import { deciderSpecification } from '../../../command-handling/src/testing/decider-specification';
import { caseDecider, createCaseDecider } from './case.decider';
import { definePanelRegistry, DEFAULT_PANEL_REGISTRY, IOM_PANEL } from './panel-registry';
import { evolveAll } from '../../../command-handling/src/decider';
import type { CaseRecord } from './case-state';
import { CASE_RULES } from './rule-names';
import { caseHistory, iomInput, LATER, on, referral, REFERRED_AT, rejectionFrom } from './testing/case-fixtures';

const spec = deciderSpecification(caseDecider);
const london2021 = { id: 'london-2021', version: 1 };
const thresholds = { ogrsAlone: 75, ogrsWithRobberyOrBurglary: 50, ovpMinimum: 30 };

const iomReferral = (scores: Parameters<typeof iomInput>[0] = {}) => referral('IOM', iomInput(scores));
const eligibleReferral = () => iomReferral({ ogrs2y: 75, ovp2y: 30 });
const notEligibleReferral = () => iomReferral({ ogrs2y: 74.9, ovp2y: 30 });
const adopt = (reason = 'Core cohort, prolific acquisitive offending') => on('adopt-iom-case', { reason });
const reject = (reason = 'Already managed by MAPPA level 3') =>
  on('reject-iom-case', { category: 'managed-under-mappa', reason });
const byDiscretion = (reason = 'Escalating knife-crime concerns from the gangs panel') =>
  on('adopt-iom-case-by-discretion', { category: 'gangs-and-exploitation', reason });
/** A decision as a client might send it: any category (or none), a reason or none. */
const sent = <T extends 'reject-iom-case' | 'adopt-iom-case-by-discretion'>(
  type: T,
  given: { category?: string; reason?: string },
) => on(type, given as never);

describe('case decider: IOM', () => {
  describe('eligibility at referral', () => {
    it('evaluates eligibility under the registry policy and stores policy id, version, thresholds and inputs', () => {
      spec
        .given()
        .when(eligibleReferral())
        .thenEvents((events) => {
          expect(events.map((event) => event.type)).toEqual(['referral-made', 'iom-eligibility-evaluated']);
          expect(events[1]).toEqual({
            type: 'iom-eligibility-evaluated',
            data: {
              policy: london2021,
              thresholds,
              inputs: { ogrs2y: 75, ovp2y: 30, robberyOrBurglaryInLast2Years: false },
              eligible: true,
              ogrsRoute: 'ogrs-alone',
              ovpMet: true,
              source: 'referral',
              occurredAt: REFERRED_AT,
            },
          });
        });
    });

    it.each([
      [75, 30, false, true],
      [74.9, 30, false, false],
      [50, 30, true, true],
      [49.9, 30, true, false],
      [80, 30, false, true],
      [80, 29.9, false, false],
    ])(
      'OGRS %p, OVP %p, robbery/burglary %p → eligible %p',
      (ogrs2y, ovp2y, robberyOrBurglaryInLast2Years, eligible) => {
        spec
          .given()
          .when(iomReferral({ ogrs2y, ovp2y, robberyOrBurglaryInLast2Years }))
          .thenEvents((events) => expect(events[1]).toMatchObject({ data: { eligible } }));
      },
    );

    it('refuses scores outside 0–100 as invalid, naming the score', () => {
      spec
        .given()
        .when(iomReferral({ ogrs2y: 101 }))
        .thenRejects('invalid', 'percentage');
      spec
        .given()
        .when(iomReferral({ ovp2y: -1 }))
        .thenRejects('invalid', 'percentage');
    });

    it('uses thresholds configured in the registry, and says which version', () => {
      const registry = definePanelRegistry([
        ...DEFAULT_PANEL_REGISTRY.panels.filter((panel) => panel.code !== 'IOM'),
        {
          ...IOM_PANEL,
          rules: {
            kind: 'iom',
            eligibilityPolicy: {
              id: 'test-borough-2024',
              version: 3,
              title: 'Local',
              thresholds: { ...thresholds, ovpMinimum: 25 },
            },
          },
        },
      ]);
      deciderSpecification(createCaseDecider(registry))
        .given()
        .when(iomReferral({ ogrs2y: 80, ovp2y: 26 }))
        .thenEvents((events) =>
          expect(events[1]).toMatchObject({
            data: { eligible: true, policy: { id: 'test-borough-2024', version: 3 } },
          }),
        );
    });

    it('maps the referral form status to the platform status (licence → engaging with sentence)', () => {
      const state = evolveAll(caseDecider, caseHistory(eligibleReferral())) as CaseRecord;
      expect(state.currentStatus).toBe('engaging-with-sentence');
    });
  });

  describe('re-evaluation', () => {
    it('evaluates new scores from the core-cohort upload', () => {
      spec
        .given(...caseHistory(notEligibleReferral()))
        .when(
          on('evaluate-iom-eligibility', {
            scores: { ogrs2y: 60, ovp2y: 31, robberyOrBurglaryInLast2Years: true },
            source: 'core-cohort-upload',
          }),
        )
        .then([
          {
            type: 'iom-eligibility-evaluated',
            data: {
              policy: london2021,
              thresholds,
              inputs: { ogrs2y: 60, ovp2y: 31, robberyOrBurglaryInLast2Years: true },
              eligible: true,
              ogrsRoute: 'ogrs-with-robbery-or-burglary',
              ovpMet: true,
              source: 'core-cohort-upload',
              occurredAt: LATER,
            },
          },
        ]);
    });

    it('judges adoption against the latest evaluation', () => {
      const becameIneligible = on('evaluate-iom-eligibility', {
        scores: { ogrs2y: 40, ovp2y: 20, robberyOrBurglaryInLast2Years: false },
        source: 're-assessment',
      });
      spec
        .given(...caseHistory(eligibleReferral(), becameIneligible))
        .when(adopt())
        .thenRejects('rule-refused', CASE_RULES.iomCoreCohortEligibility);
    });
  });

  describe('adoption and rejection', () => {
    it('adopts an eligible case with a reason, which also accepts the referral', () => {
      spec
        .given(...caseHistory(eligibleReferral()))
        .when(adopt('  Core cohort  '))
        .then([
          {
            type: 'iom-case-adopted',
            data: { reason: 'Core cohort', eligibilityPolicy: london2021, occurredAt: LATER },
          },
          { type: 'referral-accepted', data: { occurredAt: LATER } },
        ]);
    });

    it('refuses adoption without a reason (blank after trimming)', () => {
      spec
        .given(...caseHistory(eligibleReferral()))
        .when(adopt('   '))
        .thenRejects('invalid', 'required');
    });

    it('refuses to adopt a non-eligible case through the normal route (rule-refused)', () => {
      spec
        .given(...caseHistory(notEligibleReferral()))
        .when(adopt())
        .thenRejects('rule-refused', CASE_RULES.iomCoreCohortEligibility);
    });

    it('adds a non-eligible case by local discretion, with its category and reason', () => {
      spec
        .given(...caseHistory(notEligibleReferral()))
        .when(byDiscretion())
        .then([
          {
            type: 'iom-discretionary-adoption',
            data: {
              category: 'gangs-and-exploitation',
              reason: 'Escalating knife-crime concerns from the gangs panel',
              eligibilityPolicy: london2021,
              occurredAt: LATER,
            },
          },
          { type: 'referral-accepted', data: { occurredAt: LATER } },
        ]);
    });

    it('adds by discretion with a category alone: the reason is optional unless the category is other', () => {
      spec
        .given(...caseHistory(notEligibleReferral()))
        .when(sent('adopt-iom-case-by-discretion', { category: 'domestic-abuse', reason: '  ' }))
        .thenEvents((events) =>
          expect(events[0]).toEqual({
            type: 'iom-discretionary-adoption',
            data: { category: 'domestic-abuse', eligibilityPolicy: london2021, occurredAt: LATER },
          }),
        );
    });

    it('refuses discretionary adoption without a category, or with one not on the list', () => {
      for (const category of [undefined, 'capacity', 'Local priority']) {
        expect(
          rejectionFrom(() =>
            caseHistory(
              notEligibleReferral(),
              sent('adopt-iom-case-by-discretion', { category, reason: 'Local priority' }),
            ),
          ),
        ).toMatchObject({ kind: 'invalid', details: [{ field: 'category', rule: 'one-of' }] });
      }
    });

    it('refuses discretionary adoption in category other without a reason', () => {
      const other = sent('adopt-iom-case-by-discretion', { category: 'other', reason: ' ' });
      expect(rejectionFrom(() => caseHistory(notEligibleReferral(), other))).toMatchObject({
        kind: 'invalid',
        details: [{ field: 'reason', rule: CASE_RULES.iomReasonForOther }],
      });
    });

    it('refuses discretionary adoption of an eligible case: it is adopted as eligible', () => {
      spec
        .given(...caseHistory(eligibleReferral()))
        .when(byDiscretion())
        .thenRejects('rule-refused', CASE_RULES.iomDiscretionForNonEligible);
    });

    it('rejects an eligible case with its category and reason, recording that it was eligible, and declines the referral', () => {
      spec
        .given(...caseHistory(eligibleReferral()))
        .when(reject())
        .then([
          {
            type: 'iom-case-rejected',
            data: {
              category: 'managed-under-mappa',
              reason: 'Already managed by MAPPA level 3',
              eligibleWhenRejected: true,
              occurredAt: LATER,
            },
          },
          { type: 'referral-declined', data: { reason: 'Already managed by MAPPA level 3', occurredAt: LATER } },
        ]);
    });

    it('rejects with a category alone; the decline then gives the category as its reason', () => {
      spec
        .given(...caseHistory(eligibleReferral()))
        .when(sent('reject-iom-case', { category: 'capacity' }))
        .then([
          {
            type: 'iom-case-rejected',
            data: { category: 'capacity', eligibleWhenRejected: true, occurredAt: LATER },
          },
          { type: 'referral-declined', data: { reason: 'capacity', occurredAt: LATER } },
        ]);
    });

    it('refuses rejection without a category, or with one not on the list, naming the field', () => {
      for (const category of [undefined, '', 'Capacity', 'victim lives at 12 Elm Rd', 'domestic-abuse']) {
        expect(
          rejectionFrom(() =>
            caseHistory(eligibleReferral(), sent('reject-iom-case', { category, reason: 'No capacity' })),
          ),
        ).toMatchObject({ kind: 'invalid', details: [{ field: 'category', rule: 'one-of' }] });
      }
    });

    it('refuses rejection in category other without a reason (blank after trimming)', () => {
      for (const reason of [undefined, ' ']) {
        const other = sent('reject-iom-case', { category: 'other', ...(reason === undefined ? {} : { reason }) });
        expect(rejectionFrom(() => caseHistory(eligibleReferral(), other))).toMatchObject({
          kind: 'invalid',
          details: [{ field: 'reason', rule: CASE_RULES.iomReasonForOther }],
        });
      }
    });

    it('refuses the generic accept and decline on IOM referrals (a reason must be recorded)', () => {
      spec
        .given(...caseHistory(eligibleReferral()))
        .when(on('accept-referral', {}))
        .thenRejects('rule-refused', CASE_RULES.iomAdoptionDecision);
      spec
        .given(...caseHistory(eligibleReferral()))
        .when(on('decline-referral', { reason: 'No capacity' }))
        .thenRejects('rule-refused', CASE_RULES.iomAdoptionDecision);
    });

    it('refuses to decide twice', () => {
      spec
        .given(...caseHistory(eligibleReferral(), adopt()))
        .when(reject())
        .thenRejects('conflict', CASE_RULES.referralDecidedOnce);
    });
  });

  describe('case record', () => {
    const adopted = () => caseHistory(eligibleReferral(), adopt());

    it('records the pathways in canonical order, without duplicates', () => {
      spec
        .given(...adopted())
        .when(on('update-iom-pathways', { pathways: ['drugs-alcohol', 'accommodation', 'drugs-alcohol'] }))
        .then([
          { type: 'iom-pathways-updated', data: { pathways: ['accommodation', 'drugs-alcohol'], occurredAt: LATER } },
        ]);
    });

    it('records nothing when the pathways are unchanged', () => {
      spec
        .given(
          ...caseHistory(
            eligibleReferral(),
            adopt(),
            on('update-iom-pathways', { pathways: ['attitudes', 'finance-debt'] }),
          ),
        )
        .when(on('update-iom-pathways', { pathways: ['finance-debt', 'attitudes'] }))
        .thenNothingHappens();
    });

    it('refuses an unknown pathway', () => {
      spec
        .given(...adopted())
        .when(on('update-iom-pathways', { pathways: ['housing' as 'accommodation'] }))
        .thenRejects('invalid', 'one-of');
    });

    it('requires an intervention on an IOM case to name one of the seven pathways, if any', () => {
      spec
        .given(...adopted())
        .when(
          on('arrange-intervention', {
            interventionId: 'i-1',
            interventionType: 'boxing',
            provider: 'Club',
            pathway: 'sport',
          }),
        )
        .thenRejects('invalid', 'one-of');
    });

    it('tracks RAG, motivation & engagement and current status', () => {
      const history = caseHistory(
        eligibleReferral(),
        adopt(),
        on('rate-risk', { rating: 'red' }),
        on('record-engagement', { level: 'no-attendance-or-engagement' }),
        on('change-case-status', { status: 'in-breach-or-wanted' }),
      );
      const state = evolveAll(caseDecider, history) as CaseRecord;
      expect(state).toMatchObject({
        riskRating: 'red',
        engagementLevel: 'no-attendance-or-engagement',
        currentStatus: 'in-breach-or-wanted',
        panel: { kind: 'iom', decision: 'adopted', eligibility: { eligible: true, policy: london2021 } },
      });
      expect(history.find((event) => event.type === 'case-status-changed')?.data).toEqual({
        status: 'in-breach-or-wanted',
        previousStatus: 'engaging-with-sentence',
        occurredAt: LATER,
      });
    });

    it('refuses a status outside the IOM list (licence is a referral-form value, not a platform status)', () => {
      spec
        .given(...adopted())
        .when(on('change-case-status', { status: 'licence' }))
        .thenRejects('invalid', CASE_RULES.panelCurrentStatus);
    });

    it.each(['success', 'moved-out-of-area', 'death', 'long-custodial-sentence'])(
      'closes with exit status %s',
      (exitStatus) => {
        spec
          .given(...adopted())
          .when(on('close-case', { exitStatus }))
          .then([{ type: 'case-closed', data: { exitStatus, occurredAt: LATER } }]);
      },
    );

    it('requires text for an `other` exit', () => {
      spec
        .given(...adopted())
        .when(on('close-case', { exitStatus: 'other' }))
        .thenRejects('invalid', CASE_RULES.exitDetailRequired);
    });

    it('refuses a generic exit status on an IOM case', () => {
      spec
        .given(...adopted())
        .when(on('close-case', { exitStatus: 'objectives-met' }))
        .thenRejects('invalid', CASE_RULES.panelExitStatus);
    });
  });
});
