import type { EventStore } from '../../../event-store/src/port/event-store';
import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import {
  createAllianceEngagementReport,
  type AllianceEngagementReportResult,
  type AllianceOutcome,
} from '../domain/alliance-engagement-report';
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
}

export interface AllianceEngagementOptions {
  readonly from: string;
  readonly to: string;
  readonly periodCost?: number;
}

/**
 * Feeds the pure report from a replay. Engagement facts are keyed by case, as the published table
 * counts children engaged; an engagement whose outcome is not yet recorded is held back until it
 * is, since the table has no "no outcome yet" row.
 */
export function allianceEngagementFeed(options: AllianceEngagementOptions): ReplayConsumer & {
  result(): AllianceEngagementReportResult;
} {
  const report = createAllianceEngagementReport({
    from: options.from,
    to: options.to,
    ...(options.periodCost === undefined ? {} : { periodCost: options.periodCost }),
  });
  const awaitingOutcome = new Map<string, { caseId: string; fact: EngagementRecorded }>();
  const counted = new Set<string>();
  const record = (caseId: string, fact: EngagementRecorded, outcome: AllianceOutcome): void => {
    counted.add(fact.engagementId);
    report.recordEngagement({
      caseId,
      occurredAt: fact.occurredAt,
      ageAtEngagement: fact.ageAtEngagement,
      residence: fact.residenceBorough,
      knownToYos: fact.knownToYos,
      outcome,
    });
  };
  return {
    eventTypes: ['alliance-engagement-recorded', 'alliance-engagement-outcome-recorded'],
    apply(event: RecordedEvent): void {
      if (!event.stream.startsWith('case-')) return;
      const caseId = event.stream.slice('case-'.length);
      if (event.type === 'alliance-engagement-recorded') {
        const fact = event.data as EngagementRecorded;
        if (fact.outcome === undefined) awaitingOutcome.set(fact.engagementId, { caseId, fact });
        else record(caseId, fact, fact.outcome);
      } else {
        const { engagementId, outcome } = event.data as OutcomeRecorded;
        const pending = awaitingOutcome.get(engagementId);
        if (pending !== undefined) {
          awaitingOutcome.delete(engagementId);
          record(pending.caseId, pending.fact, outcome);
        } else if (counted.has(engagementId)) {
          report.recordOutcomeChange(caseId, outcome);
        }
      }
    },
    result: () => report.result(),
  };
}

/** Replays the whole log in global order into the pure report. */
export async function replayAllianceEngagement(
  store: EventStore,
  options: AllianceEngagementOptions,
): Promise<AllianceEngagementReportResult> {
  const feed = allianceEngagementFeed(options);
  await replayLog(store, [feed]);
  return feed.result();
}
