import { deciderSpecification } from '../../../command-handling/src/testing/decider-specification';
import { evolveAll } from '../../../command-handling/src/decider';
import { caseDecider } from './case.decider';
import { HELD_IN_CUSTODY, followUpAnchor, isFollowUpOverdue } from './rules/alliance-engagement';
import { ALLIANCE_PANEL } from './panel-registry';
import type { AllianceOutcome } from './vocabulary/alliance';
import type { CaseCommand } from './commands/case-commands';
import { CASE_RULES } from './rule-names';
import { accepted, caseHistory, on, referral, rejectionFrom } from './testing/case-fixtures';

const spec = deciderSpecification(caseDecider);
const ENGAGED_AT = '2020-11-03T21:40:00Z';
const RELEASED_AT = '2020-11-05T09:00:00Z';

const allianceReferral = () =>
  referral('ALLIANCE', { kind: 'alliance', custodySuite: 'Test Custody Suite' }, ENGAGED_AT);
const engagement = (residenceBorough = 'Enfield', outcome?: AllianceOutcome) =>
  on('record-alliance-engagement', {
    engagementId: 'engagement-1',
    custodySuite: 'Test Custody Suite',
    ageAtEngagement: 15,
    residenceBorough,
    knownToYos: null,
    occurredAt: ENGAGED_AT,
    ...(outcome === undefined ? {} : { outcome }),
  });
const outcome = (value: AllianceOutcome, occurredAt = '2020-11-04T10:00:00Z') =>
  on('record-alliance-engagement-outcome', { engagementId: 'engagement-1', outcome: value, occurredAt });
const release = (occurredAt = RELEASED_AT) =>
  on('record-alliance-custody-release', { engagementId: 'engagement-1', occurredAt });
const followUp = (occurredAt = '2020-11-06T12:00:00Z') =>
  on('complete-alliance-follow-up', { engagementId: 'engagement-1', occurredAt });
const knownToYos = (value: boolean | null, reason = 'Checked with the YOS duty officer') =>
  on('record-alliance-known-to-yos', {
    engagementId: 'engagement-1',
    knownToYos: value,
    reason,
    occurredAt: '2020-11-04T10:00:00Z',
  });
const engaged = (...more: CaseCommand[]) => caseHistory(allianceReferral(), engagement(), ...more);

function refusedField(given: CaseCommand[], command: CaseCommand): { rule: string; field: string | undefined } {
  const rejection = rejectionFrom(() => caseDecider.decide(command, evolveAll(caseDecider, caseHistory(...given))));
  return { rule: rejection.rule, field: rejection.details[0]?.field };
}

describe('case decider: Operation Alliance facts after the engagement', () => {
  describe('dated on or after the engagement', () => {
    it('refuses an outcome dated before the engagement (422 naming occurredAt)', () => {
      spec
        .given(...engaged())
        .when(outcome('awaiting-intervention', '2020-11-01T10:00:00Z'))
        .thenRejects('rule-refused', CASE_RULES.allianceAfterEngagement);
      expect(
        refusedField([allianceReferral(), engagement()], outcome('awaiting-intervention', '2020-11-03T21:39:59Z')),
      ).toEqual({ rule: 'alliance-on-or-after-engagement', field: 'occurredAt' });
    });

    it('refuses a follow-up dated before the engagement, so it cannot clear the overdue flag', () => {
      spec
        .given(...engaged())
        .when(followUp('2020-11-02T10:00:00Z'))
        .thenRejects('rule-refused', CASE_RULES.allianceAfterEngagement);
    });

    it('accepts an outcome and a follow-up at the engagement instant, whatever offset it is written in', () => {
      spec
        .given(...engaged())
        .when(outcome('would-not-engage', '2020-11-03T21:40:00+00:00'))
        .thenEvents((events) => expect(events).toHaveLength(1));
      spec
        .given(...engaged())
        .when(followUp('2020-11-03T16:40:00-05:00'))
        .thenEvents((events) => expect(events).toHaveLength(1));
    });
  });

  describe('out of area: MASH referral only for children living outside the scheme boroughs', () => {
    it.each(['Haringey', 'Enfield', ' haringey ', 'ENFIELD'])(
      'refuses out-of-area-mash-referral for a child living in %p (422 naming outcome)',
      (residence) => {
        spec
          .given(...caseHistory(allianceReferral(), engagement(residence)))
          .when(outcome('out-of-area-mash-referral'))
          .thenRejects('rule-refused', CASE_RULES.allianceOutOfAreaResidence);
        expect(refusedField([allianceReferral(), engagement(residence)], outcome('out-of-area-mash-referral'))).toEqual(
          { rule: 'alliance-out-of-area-residence', field: 'outcome' },
        );
      },
    );

    it('refuses it when the outcome comes with the engagement too', () => {
      spec
        .given(...caseHistory(allianceReferral()))
        .when(engagement('Haringey', 'out-of-area-mash-referral'))
        .thenRejects('rule-refused', CASE_RULES.allianceOutOfAreaResidence);
    });

    it('records it for a child living elsewhere', () => {
      spec
        .given(...caseHistory(allianceReferral(), engagement('Kent')))
        .when(outcome('out-of-area-mash-referral'))
        .thenEvents((events) => expect(events[0]).toMatchObject({ data: { outcome: 'out-of-area-mash-referral' } }));
    });

    it('lets a child living elsewhere be engaged locally (the outcomes do not force a MASH referral)', () => {
      spec
        .given(...caseHistory(allianceReferral(), engagement('Kent')))
        .when(outcome('intervention-arranged'))
        .thenEvents((events) => expect(events[0]).toMatchObject({ data: { outcome: 'intervention-arranged' } }));
    });
  });

  describe('release from custody', () => {
    it('moves the follow-up due time to release + 48 h', () => {
      spec
        .given(...engaged())
        .when(release())
        .then([
          {
            type: 'alliance-custody-release-recorded',
            data: { engagementId: 'engagement-1', occurredAt: RELEASED_AT, followUpDueAt: '2020-11-07T09:00:00.000Z' },
          },
        ]);
    });

    it('is not overdue while the child is held past engagement + 48 h, once the release is recorded', () => {
      const held = evolveAll(caseDecider, engaged(release('2020-11-06T20:00:00Z')));
      expect(isFollowUpOverdue(held, '2020-11-07T09:00:00Z')).toBe(false);
      expect(isFollowUpOverdue(held, '2020-11-08T20:00:01Z')).toBe(true);
    });

    it('says what the due time counts from', () => {
      const at = (commands: CaseCommand[]) => {
        const state = evolveAll(caseDecider, engaged(...commands));
        return state.exists && state.panel.kind === 'alliance' ? state.panel.engagements['engagement-1'] : undefined;
      };
      expect(followUpAnchor(at([])!)).toBe('engagement');
      expect(followUpAnchor(at([release()])!)).toBe('release');
    });

    describe('while the child is still held (current status in-custody, no release recorded)', () => {
      const status = (code: string, occurredAt: string) => on('change-case-status', { status: code, occurredAt });
      const held = (...more: CaseCommand[]) =>
        evolveAll(caseDecider, engaged(accepted(), status('in-custody', '2020-11-03T22:00:00Z'), ...more));

      it('reads a status the Alliance registry lists', () => {
        expect(ALLIANCE_PANEL.currentStatuses.map((listed) => listed.code)).toContain(HELD_IN_CUSTODY);
      });

      it('owes no follow-up yet, however long after the engagement', () => {
        expect(isFollowUpOverdue(held(), '2020-12-03T09:00:00Z')).toBe(false);
      });

      it('is due 48 h after the release once it is recorded', () => {
        const released = held(release('2020-11-10T09:00:00Z'));
        expect(isFollowUpOverdue(released, '2020-11-12T09:00:00Z')).toBe(false);
        expect(isFollowUpOverdue(released, '2020-11-12T09:00:01Z')).toBe(true);
      });

      it('counts from the engagement again when the status leaves in-custody with no release recorded', () => {
        const out = held(status('released-awaiting-follow-up', '2020-11-10T09:00:00Z'));
        expect(isFollowUpOverdue(out, '2020-11-10T09:00:01Z')).toBe(true);
      });
    });

    it('refuses a release before the engagement (422)', () => {
      expect(refusedField([allianceReferral(), engagement()], release('2020-11-03T20:00:00Z'))).toEqual({
        rule: 'alliance-on-or-after-engagement',
        field: 'occurredAt',
      });
    });

    it('records the same release again as nothing, and refuses another (409)', () => {
      spec
        .given(...engaged(release()))
        .when(release())
        .thenNothingHappens();
      spec
        .given(...engaged(release()))
        .when(release('2020-11-05T10:00:00Z'))
        .thenRejects('conflict', CASE_RULES.allianceCustodyReleaseOnce);
    });

    it('refuses a follow-up before the recorded release, and a release after a recorded follow-up', () => {
      spec
        .given(...engaged(release()))
        .when(followUp('2020-11-05T08:00:00Z'))
        .thenRejects('rule-refused', CASE_RULES.allianceFollowUpAfterRelease);
      spec
        .given(...engaged(followUp('2020-11-05T08:00:00Z')))
        .when(release())
        .thenRejects('rule-refused', CASE_RULES.allianceFollowUpAfterRelease);
    });
  });

  describe('known to YOS, checked later or corrected', () => {
    it('records the answer, what it replaces and why', () => {
      spec
        .given(...engaged())
        .when(knownToYos(true))
        .then([
          {
            type: 'alliance-known-to-yos-recorded',
            data: {
              engagementId: 'engagement-1',
              knownToYos: true,
              previous: null,
              reason: 'Checked with the YOS duty officer',
              occurredAt: '2020-11-04T10:00:00Z',
            },
          },
        ]);
      const state = evolveAll(caseDecider, engaged(knownToYos(true)));
      expect(
        state.exists && state.panel.kind === 'alliance' && state.panel.engagements['engagement-1']?.knownToYos,
      ).toBe(true);
    });

    it('records the same answer again as nothing, and refuses a correction without a reason', () => {
      spec
        .given(...engaged(knownToYos(false)))
        .when(knownToYos(false))
        .thenNothingHappens();
      spec
        .given(...engaged())
        .when(knownToYos(false, '  '))
        .thenRejects('invalid', CASE_RULES.allianceKnownToYosReason);
    });
  });

  describe('known to YOS on a closed case', () => {
    const closedAt = '2020-11-20T10:00:00Z';
    const closing = () => [
      allianceReferral(),
      engagement(),
      on('accept-referral', { occurredAt: '2020-11-04T09:00:00Z' }),
      on('close-case', { exitStatus: 'disengaged', occurredAt: closedAt }),
    ];
    const closed = () => caseHistory(...closing());
    const checkedAt = (occurredAt: string) =>
      on('record-alliance-known-to-yos', {
        engagementId: 'engagement-1',
        knownToYos: true,
        reason: 'YOS confirmed an open order at the arrest',
        occurredAt,
      });

    it('records an answer put right after the closure, so the evaluation counts it as on an open case', () => {
      spec
        .given(...closed())
        .when(checkedAt(ENGAGED_AT))
        .thenEvents((events) => expect(events.map((event) => event.type)).toEqual(['alliance-known-to-yos-recorded']));
      spec
        .given(...closed())
        .when(checkedAt(closedAt))
        .thenEvents((events) => expect(events).toHaveLength(1));
    });

    it('refuses one dated after the closure (422 naming occurredAt), when the scheme no longer followed the child', () => {
      expect(refusedField(closing(), checkedAt('2020-11-21T10:00:00Z'))).toEqual({
        rule: 'alliance-known-to-yos-not-after-closure',
        field: 'occurredAt',
      });
    });

    it('still refuses a declined referral as not open', () => {
      spec
        .given(
          ...caseHistory(
            allianceReferral(),
            engagement(),
            on('decline-referral', { reason: 'Not for the scheme', occurredAt: '2020-11-04T09:00:00Z' }),
          ),
        )
        .when(checkedAt(ENGAGED_AT))
        .thenRejects('conflict', CASE_RULES.caseOpen);
    });
  });
});
