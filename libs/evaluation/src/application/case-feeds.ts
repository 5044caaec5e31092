/**
 * Turns recorded events into the facts the MARAC, IOM and counterfactual reducers take. Only the
 * fields a report needs are read from an event: names, addresses and identifiers are left behind.
 */
import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import {
  IDENTITY_STREAM_PREFIX,
  MATCH_STREAM_PREFIX,
  type MatchEvent,
  type PersonLinkEvent,
} from '../../../identity/src/domain/person-links';
import type { IomScores } from '../../../case-lifecycle/src/domain/rules/iom-eligibility';
import {
  IOM_REFERRAL_FORM_STATUSES,
  iomStatusFromReferralForm,
  type IomReferralFormStatus,
} from '../../../case-lifecycle/src/domain/vocabulary/iom';
import type { PersonDetails } from '../../../case-lifecycle/src/domain/events/person-events';
import type { CohortAsOf } from '../domain/cohort-as-of';
import type { CounterfactualCohort } from '../domain/counterfactual-cohort';
import { UploadExpiries } from '../domain/upload-expiries';
import { IMPORT_STREAM_PREFIX } from '../../../cohort-import/src/domain/import-events';
import type { IomCohortReport } from '../domain/iom-cohort-report';
import type { MaracRepeatRateReport } from '../domain/marac-repeat-rate-report';
import type { PeopleNow } from '../domain/people-now';
import type { PersonProfiles } from '../domain/person-profiles';
import type { ReplayConsumer } from './replay-log';

interface ReferralMadeData {
  readonly caseId: string;
  readonly panelCode?: string;
  readonly personId: string;
  readonly occurredAt: string;
  readonly referrer?: { readonly agency?: string };
  readonly details?: {
    readonly kind?: string;
    readonly repeat?: boolean;
    readonly repeatFrom?: string | null;
    readonly previousMaracDateReported?: string;
    readonly thresholdsApplied?: { readonly repeatWindowMonths?: number };
    readonly incident?: { readonly occurredAt?: string };
    readonly statusAtReferral?: string | null;
  };
}

/** The platform's status for what an IOM referral form said, as the case state reads it; null when it said none. */
function statusAtReferral(data: ReferralMadeData): string | null {
  const given = data.details?.kind === 'iom' ? data.details.statusAtReferral : undefined;
  return (IOM_REFERRAL_FORM_STATUSES as readonly unknown[]).includes(given)
    ? iomStatusFromReferralForm(given as IomReferralFormStatus)
    : null;
}

const caseIdOf = (event: RecordedEvent): string | undefined =>
  event.stream.startsWith('case-') ? event.stream.slice('case-'.length) : undefined;

export function personProfilesFeed(profiles: PersonProfiles): ReplayConsumer {
  return {
    eventTypes: ['referral-made', 'person-registered', 'person-details-recorded', 'person-record-details-recorded'],
    apply(event) {
      const caseId = caseIdOf(event);
      if (caseId !== undefined && event.type === 'referral-made') {
        const { panelCode } = event.data as ReferralMadeData;
        if (panelCode !== undefined) profiles.caseReferred(caseId, panelCode);
        return;
      }
      if (event.type === 'person-record-details-recorded') {
        if (!event.stream.startsWith(IDENTITY_STREAM_PREFIX)) return;
        // Kept under the person the record was linked to, whom the referrals of its panel are about.
        const data = event.data as { changes?: Partial<PersonDetails>; source?: string };
        profiles.recordDetailsRecorded(
          event.stream.slice(IDENTITY_STREAM_PREFIX.length),
          data.source,
          data.changes ?? {},
        );
        return;
      }
      if (!event.stream.startsWith('person-')) return;
      if (event.type === 'person-registered') {
        const data = event.data as { personId: string; details: Partial<PersonDetails> };
        profiles.registered(data.personId, data.details ?? {});
      } else {
        const data = event.data as { changes: Partial<PersonDetails> };
        profiles.detailsRecorded(event.stream.slice('person-'.length), data.changes ?? {});
      }
    },
  };
}

/** Reviewers' decisions and splits, and whom each case was referred about, for `PeopleNow`. */
export function peopleNowFeed(people: PeopleNow): ReplayConsumer {
  return {
    eventTypes: ['referral-made', 'match-confirmed', 'match-rejected', 'match-reopened', 'person-split'],
    apply(event) {
      if (event.type === 'referral-made') {
        const data = event.data as ReferralMadeData;
        people.caseReferred(data.caseId, data.personId);
      } else if (event.stream.startsWith(MATCH_STREAM_PREFIX)) {
        people.matchDecided(event as unknown as MatchEvent);
      } else if (event.stream.startsWith(IDENTITY_STREAM_PREFIX)) {
        const link = event as unknown as PersonLinkEvent;
        if (link.type === 'person-split') people.split(link.data);
      }
    },
  };
}

export function maracReferralsFeed(report: MaracRepeatRateReport): ReplayConsumer {
  return {
    eventTypes: ['referral-made'],
    apply(event) {
      const data = event.data as ReferralMadeData;
      if (data.details?.kind !== 'marac') return;
      const window = data.details.thresholdsApplied?.repeatWindowMonths;
      const incidentAt = data.details.incident?.occurredAt;
      // Only a referral judged with the form's date counts it (it records `repeatFrom`): older ones replay as judged.
      const reported = data.details.repeatFrom === undefined ? undefined : data.details.previousMaracDateReported;
      report.recordReferral({
        caseId: data.caseId,
        personId: data.personId,
        ...(data.panelCode === undefined ? {} : { panelCode: data.panelCode }),
        referredAt: data.occurredAt,
        ...(incidentAt === undefined ? {} : { incidentAt }),
        sourceAgency: data.referrer?.agency ?? '',
        ...(window === undefined ? {} : { repeatWindowMonths: window }),
        ...(reported === undefined ? {} : { previousMaracReported: reported }),
        repeatFlagged: data.details.repeat === true,
      });
    },
  };
}

export function iomCohortFeed(report: IomCohortReport): ReplayConsumer {
  return {
    eventTypes: [
      'referral-made',
      'iom-eligibility-evaluated',
      'iom-case-adopted',
      'iom-discretionary-adoption',
      'iom-case-rejected',
      'iom-cohort-expiry-flagged',
      'case-closed',
    ],
    apply(event) {
      const caseId = caseIdOf(event);
      if (caseId === undefined) return;
      switch (event.type) {
        case 'referral-made': {
          const data = event.data as ReferralMadeData;
          if (data.details?.kind === 'iom') report.referralMade(caseId, data.personId, data.occurredAt);
          return;
        }
        case 'iom-eligibility-evaluated': {
          const data = event.data as { eligible: boolean; occurredAt: string };
          report.eligibilityEvaluated(caseId, data.eligible, data.occurredAt);
          return;
        }
        case 'iom-cohort-expiry-flagged': {
          // The import writes only this flag for a nominal missing from an upload: not eligible
          // from its date, as the live eligible-not-adopted list reads it (cohort-eligibility.ts).
          report.eligibilityEvaluated(caseId, false, (event.data as { occurredAt: string }).occurredAt);
          return;
        }
        case 'iom-case-adopted':
        case 'iom-discretionary-adoption': {
          const data = event.data as { occurredAt: string; category?: string };
          report.adopted(caseId, data.occurredAt, event.type === 'iom-discretionary-adoption' ? data : null);
          return;
        }
        case 'iom-case-rejected': {
          // The reason is the panel's typed words: never taken into a report.
          const data = event.data as { occurredAt: string; category?: string; eligibleWhenRejected: boolean };
          report.rejected(caseId, data.occurredAt, data.category, data.eligibleWhenRejected);
          return;
        }
        case 'case-closed': {
          if (!report.knows(caseId)) return;
          const data = event.data as { occurredAt: string; exitStatus: string };
          report.closed(caseId, data.occurredAt, data.exitStatus);
          return;
        }
        default:
          return;
      }
    },
  };
}

/** What the counterfactual reads of an import's batch or absentees: who it reported expired. */
interface UploadPeople {
  readonly month?: unknown;
  readonly fileDigest?: unknown;
  readonly people?: readonly {
    readonly personId?: unknown;
    readonly outcome?: unknown;
    readonly supersededBy?: unknown;
  }[];
}

/**
 * The import's own per-person word (stream `iomimport-<YYYY-MM>`, read by event type only): a row
 * it reported expired, or someone absent from the file, unless a later month had the word on them.
 */
function uploadFacts(event: RecordedEvent, uploads: UploadExpiries, cohort: CounterfactualCohort): void {
  if (!event.stream.startsWith(IMPORT_STREAM_PREFIX)) return;
  const { month, fileDigest, people } = event.data as UploadPeople;
  if (typeof month !== 'string' || typeof fileDigest !== 'string') return;
  if (event.type === 'iom-cohort-file-imported') {
    for (const { personId, occurredAt } of uploads.completed(month, fileDigest))
      cohort.uploadExpired(personId, occurredAt);
  } else if (event.type === 'iom-cohort-upload-cancelled') {
    uploads.cancelled(month, fileDigest);
  } else if (Array.isArray(people)) {
    const absentees = event.type === 'iom-cohort-absentees-flagged';
    for (const { personId, outcome, supersededBy } of people) {
      if (typeof personId !== 'string' || supersededBy !== undefined) continue;
      if (absentees || outcome === 'expired')
        uploads.heard(month, fileDigest, { personId, occurredAt: event.metadata.occurredAt });
    }
  }
}

export function counterfactualFeed(cohort: CounterfactualCohort): ReplayConsumer {
  const uploads = new UploadExpiries();
  return {
    eventTypes: [
      'referral-made',
      'iom-eligibility-evaluated',
      'iom-cohort-expiry-flagged',
      'iom-case-rejected',
      'case-closed',
      'iom-cohort-batch-imported',
      'iom-cohort-absentees-flagged',
      'iom-cohort-file-imported',
      'iom-cohort-upload-cancelled',
    ],
    apply(event) {
      if (event.type.startsWith('iom-cohort-') && event.type !== 'iom-cohort-expiry-flagged') {
        uploadFacts(event, uploads, cohort);
        return;
      }
      const caseId = caseIdOf(event);
      if (caseId === undefined) return;
      if (event.type === 'referral-made') {
        const data = event.data as ReferralMadeData;
        if (data.details?.kind === 'iom') cohort.referralMade(caseId, data.personId, data.occurredAt);
      } else if (event.type === 'iom-eligibility-evaluated') {
        const data = event.data as { inputs: IomScores; eligible: boolean; occurredAt: string };
        cohort.eligibilityEvaluated(caseId, data.inputs, data.eligible, data.occurredAt);
      } else if (event.type === 'iom-cohort-expiry-flagged') {
        cohort.expired(caseId, (event.data as { occurredAt: string }).occurredAt);
      } else if (event.type === 'iom-case-rejected') {
        cohort.rejected(caseId);
      } else {
        cohort.closed(caseId, (event.data as { occurredAt: string }).occurredAt);
      }
    },
  };
}

export function cohortAsOfFeed(cohort: CohortAsOf): ReplayConsumer {
  return {
    eventTypes: [
      'referral-made',
      'referral-accepted',
      'referral-declined',
      'case-status-changed',
      'risk-rated',
      'case-closed',
    ],
    apply(event) {
      const caseId = caseIdOf(event);
      if (caseId === undefined) return;
      const data = event.data as { occurredAt: string };
      switch (event.type) {
        case 'referral-made': {
          const made = event.data as ReferralMadeData & { panelCode: string };
          cohort.referralMade(caseId, made.panelCode, made.personId, made.occurredAt, statusAtReferral(made));
          return;
        }
        case 'referral-accepted':
          cohort.decided(caseId, 'accepted', data.occurredAt);
          return;
        case 'referral-declined':
          cohort.decided(caseId, 'declined', data.occurredAt);
          return;
        case 'case-status-changed':
          cohort.statusChanged(caseId, (event.data as { status: string }).status, data.occurredAt);
          return;
        case 'risk-rated':
          cohort.riskRated(caseId, (event.data as { rating: string }).rating, data.occurredAt);
          return;
        default:
          cohort.closed(caseId, data.occurredAt);
      }
    },
  };
}
