import type { EventStore } from '../../../event-store/src/port/event-store';
import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import { parseInstant, ukDay } from '../../../case-lifecycle/src/domain/calendar';
import {
  createAllianceEngagementReport,
  type AllianceEngagementFigures,
  type AllianceEngagementMonth,
  type AllianceEngagementReportResult,
  type AllianceOutcome,
} from '../domain/alliance-engagement-report';
import {
  AllianceEngagementMeasures,
  NO_ADDED_MEASURES,
  type AllianceAddedMeasures,
} from '../domain/alliance-engagement-measures';
import { PeopleNow, peopleAsRecorded, type PeopleAsKnown } from '../domain/people-now';
import { peopleNowFeed } from './case-feeds';
import { replayLog, type ReplayConsumer } from './replay-log';

interface EngagementRecorded {
  readonly engagementId: string;
  readonly ageAtEngagement: number;
  readonly residenceBorough: string;
  readonly knownToYos: boolean | null;
  readonly occurredAt: string;
  readonly outcome?: AllianceOutcome;
}

interface OutcomeRecorded {
  readonly engagementId: string;
  readonly outcome: AllianceOutcome;
  readonly occurredAt: string;
}

interface EngagementFact {
  readonly engagementId: string;
  readonly occurredAt: string;
}

interface KnownToYosRecorded extends EngagementFact {
  readonly knownToYos: boolean | null;
}

interface ResidenceRecorded extends EngagementFact {
  readonly residenceBorough: string;
}

export interface AllianceEngagementOptions {
  readonly from: string;
  readonly to: string;
  readonly periodCost?: number;
}

export type AllianceEngagementResult = Omit<AllianceEngagementReportResult, 'months' | 'total'> & {
  readonly months: (AllianceEngagementMonth & AllianceAddedMeasures)[];
  readonly total: AllianceEngagementFigures & AllianceAddedMeasures;
};

/** An engagement's answer (known to YOS, residence) and when it was given (the engagement's: -∞). */
interface Answer<Value> {
  value: Value;
  at: number;
}

/**
 * Feeds the pure report from a replay. Engagement facts are keyed by case, as the published table
 * counts children engaged; an engagement whose outcome is not yet recorded is held back until it
 * is, since the table has no "no outcome yet" row (`awaitingOutcome` counts them beside it).
 *
 * Known to YOS is the question "was the child known to YOS when arrested?". A later check of a
 * `null` answer, or a correction, answers that same question better than the custody suite could,
 * so it replaces the engagement's answer; but only when dated (UK date) on or before the period's
 * `to`: a check made after the period could also catch YOS involvement that began after the
 * arrest, and a table for a closed period should not move with it. Of several, the latest by
 * `occurredAt` wins (the later recorded on a tie).
 *
 * Residence is counted the same way: a correction (a typo put right, or a move) holds from its
 * `occurredAt`, so the table counts the residence in force at the period's end.
 */
export function allianceEngagementFeed(options: AllianceEngagementOptions): ReplayConsumer & {
  result(people?: PeopleAsKnown): AllianceEngagementResult;
} {
  const report = createAllianceEngagementReport({
    from: options.from,
    to: options.to,
    ...(options.periodCost === undefined ? {} : { periodCost: options.periodCost }),
  });
  const measures = new AllianceEngagementMeasures(options);
  const awaitingOutcome = new Map<string, { caseId: string; fact: EngagementRecorded }>();
  const counted = new Set<string>();
  const yos = new Map<string, Answer<boolean | null>>();
  const residences = new Map<string, Answer<string>>();
  const referredAbout = new Map<string, string>();
  const record = (caseId: string, fact: EngagementRecorded, outcome: AllianceOutcome): void => {
    counted.add(fact.engagementId);
    report.recordEngagement({
      caseId,
      occurredAt: fact.occurredAt,
      ageAtEngagement: fact.ageAtEngagement,
      residence: residences.get(fact.engagementId)?.value ?? fact.residenceBorough,
      knownToYos: yos.get(fact.engagementId)?.value ?? fact.knownToYos,
      outcome,
    });
  };
  /** Whether `value` at `occurredAt` replaces the engagement's answer: dated by the period's end, not before it. */
  const answered = <Value>(answer: Answer<Value> | undefined, value: Value, occurredAt: string): boolean => {
    const day = ukDay(occurredAt);
    const at = parseInstant(occurredAt);
    if (answer === undefined || day === undefined || at === undefined || day > options.to || at < answer.at)
      return false;
    answer.value = value;
    answer.at = at;
    return true;
  };
  const knownToYosRecorded = (caseId: string, data: KnownToYosRecorded): void => {
    if (answered(yos.get(data.engagementId), data.knownToYos, data.occurredAt) && counted.has(data.engagementId))
      report.recordKnownToYos(caseId, data.knownToYos);
  };
  const residenceRecorded = (caseId: string, data: ResidenceRecorded): void => {
    if (
      answered(residences.get(data.engagementId), data.residenceBorough, data.occurredAt) &&
      counted.has(data.engagementId)
    )
      report.recordResidence(caseId, data.residenceBorough);
  };
  return {
    eventTypes: [
      'referral-made',
      'alliance-engagement-recorded',
      'alliance-engagement-outcome-recorded',
      'alliance-custody-release-recorded',
      'alliance-known-to-yos-recorded',
      'alliance-residence-recorded',
      'alliance-follow-up-completed',
    ],
    apply(event: RecordedEvent): void {
      if (!event.stream.startsWith('case-')) return;
      const caseId = event.stream.slice('case-'.length);
      switch (event.type) {
        case 'referral-made': {
          const data = event.data as { personId?: unknown; details?: { kind?: unknown } };
          if (data.details?.kind === 'alliance' && typeof data.personId === 'string')
            referredAbout.set(caseId, data.personId);
          return;
        }
        case 'alliance-engagement-recorded': {
          const fact = event.data as EngagementRecorded;
          yos.set(fact.engagementId, { value: fact.knownToYos, at: Number.NEGATIVE_INFINITY });
          residences.set(fact.engagementId, { value: fact.residenceBorough, at: Number.NEGATIVE_INFINITY });
          measures.engaged(caseId, fact.engagementId, fact.occurredAt, fact.outcome);
          if (fact.outcome === undefined) awaitingOutcome.set(fact.engagementId, { caseId, fact });
          else record(caseId, fact, fact.outcome);
          return;
        }
        case 'alliance-engagement-outcome-recorded': {
          const { engagementId, outcome, occurredAt } = event.data as OutcomeRecorded;
          measures.outcomeRecorded(engagementId, outcome, occurredAt);
          const pending = awaitingOutcome.get(engagementId);
          if (pending !== undefined) {
            awaitingOutcome.delete(engagementId);
            record(pending.caseId, pending.fact, outcome);
          } else if (counted.has(engagementId)) {
            report.recordOutcomeChange(caseId, outcome);
          }
          return;
        }
        case 'alliance-custody-release-recorded': {
          const { engagementId, occurredAt } = event.data as EngagementFact;
          measures.released(engagementId, occurredAt);
          return;
        }
        case 'alliance-follow-up-completed': {
          const { engagementId, occurredAt } = event.data as EngagementFact;
          measures.followedUp(engagementId, occurredAt);
          return;
        }
        case 'alliance-known-to-yos-recorded':
          knownToYosRecorded(caseId, event.data as KnownToYosRecorded);
          return;
        case 'alliance-residence-recorded':
          residenceRecorded(caseId, event.data as ResidenceRecorded);
          return;
        default:
      }
    },
    result(people = peopleAsRecorded) {
      const table = report.result();
      const added = measures.result((caseId) => people.personOfCase(caseId, referredAbout.get(caseId) ?? caseId));
      return {
        ...table,
        months: table.months.map((month) => ({ ...month, ...(added.months.get(month.month) ?? NO_ADDED_MEASURES) })),
        total: { ...table.total, ...added.total },
      };
    },
  };
}

/** Replays the whole log in global order into the pure report; children as the log now knows them. */
export async function replayAllianceEngagement(
  store: EventStore,
  options: AllianceEngagementOptions,
): Promise<AllianceEngagementResult> {
  const feed = allianceEngagementFeed(options);
  const people = new PeopleNow();
  await replayLog(store, [feed, peopleNowFeed(people)]);
  return feed.result(people);
}
