import { parseInstant, ukDay } from '../../../case-lifecycle/src/domain/calendar';
import type { AllianceOutcome } from './alliance-engagement-report';

/**
 * The measures the analyst added to the Alliance table, beside (never inside) the published
 * figures, so the 2020 reference table is reproduced as it was. Pure; fed in log order.
 *
 * - `distinctChildren`: the people the cases counted in `engaged` are about now (`people-now.ts`):
 *   a child engaged twice under two records later confirmed as one counts once. A month counts its
 *   own children; the total counts a child engaged in two months once.
 * - `awaitingOutcome`: cases engaged in the period whose first outcome is not dated on or before
 *   `to` (UK date), or has none. `engaged` still counts only cases with an outcome, as now known,
 *   so a case whose outcome came after the period is in both.
 * - Follow-up, over the cases counted in `engaged` whose outcome owes one (not out-of-area):
 *   `followUpOwed`; `followedUpWithin48Hours`, a follow-up at most 48 hours after the anchor the
 *   cohort tracker uses (the recorded custody release, else the engagement); and
 *   `followUpAnchoredOnEngagement`, the owed cases with no release recorded, whose window is
 *   counted from the engagement and so is the stricter one. Releases and follow-ups are taken as
 *   now known, as outcomes are.
 * - A case counts once, by its latest engagement (as the table does).
 */

export const FOLLOW_UP_WITHIN_HOURS = 48;
const WINDOW_MS = FOLLOW_UP_WITHIN_HOURS * 60 * 60 * 1000;

export interface AllianceAddedMeasures {
  readonly distinctChildren: number;
  readonly awaitingOutcome: number;
  readonly followUpOwed: number;
  readonly followedUpWithin48Hours: number;
  readonly followUpAnchoredOnEngagement: number;
}

export interface AllianceAddedMeasuresResult {
  readonly months: ReadonlyMap<string, AllianceAddedMeasures>;
  readonly total: AllianceAddedMeasures;
}

interface Engagement {
  readonly caseId: string;
  readonly day: string;
  readonly engagedAt: string;
  outcome: AllianceOutcome | null;
  outcomeDay: string | null;
  releasedAt: string | null;
  followUpAt: string | null;
}

interface Tally {
  readonly children: Set<string>;
  awaitingOutcome: number;
  followUpOwed: number;
  followedUpWithin48Hours: number;
  followUpAnchoredOnEngagement: number;
}

const emptyTally = (): Tally => ({
  children: new Set(),
  awaitingOutcome: 0,
  followUpOwed: 0,
  followedUpWithin48Hours: 0,
  followUpAnchoredOnEngagement: 0,
});

function followedUpInTime(e: Engagement): boolean {
  if (e.followUpAt === null) return false;
  const anchor = parseInstant(e.releasedAt ?? e.engagedAt);
  const at = parseInstant(e.followUpAt);
  return anchor !== undefined && at !== undefined && at - anchor <= WINDOW_MS;
}

function tally(into: Tally, e: Engagement, person: string, awaiting: boolean): void {
  if (awaiting) into.awaitingOutcome += 1;
  if (e.outcome === null) return;
  into.children.add(person);
  if (e.outcome === 'out-of-area-mash-referral') return;
  into.followUpOwed += 1;
  if (e.releasedAt === null) into.followUpAnchoredOnEngagement += 1;
  if (followedUpInTime(e)) into.followedUpWithin48Hours += 1;
}

const measures = (t: Tally): AllianceAddedMeasures => ({
  distinctChildren: t.children.size,
  awaitingOutcome: t.awaitingOutcome,
  followUpOwed: t.followUpOwed,
  followedUpWithin48Hours: t.followedUpWithin48Hours,
  followUpAnchoredOnEngagement: t.followUpAnchoredOnEngagement,
});

export class AllianceEngagementMeasures {
  private readonly engagements = new Map<string, Engagement>();
  private readonly latestByCase = new Map<string, string>();

  constructor(private readonly period: { readonly from: string; readonly to: string }) {}

  engaged(caseId: string, engagementId: string, occurredAt: string, outcome?: AllianceOutcome): void {
    const day = ukDay(occurredAt);
    if (day === undefined) return;
    const atEngagement = outcome === undefined ? null : outcome;
    this.engagements.set(engagementId, {
      caseId,
      day,
      engagedAt: occurredAt,
      outcome: atEngagement,
      outcomeDay: atEngagement === null ? null : day,
      releasedAt: null,
      followUpAt: null,
    });
    this.latestByCase.set(caseId, engagementId);
  }

  outcomeRecorded(engagementId: string, outcome: AllianceOutcome, occurredAt: string): void {
    const e = this.engagements.get(engagementId);
    if (e === undefined) return;
    e.outcome = outcome;
    e.outcomeDay ??= ukDay(occurredAt) ?? e.day;
  }

  released(engagementId: string, occurredAt: string): void {
    const e = this.engagements.get(engagementId);
    if (e !== undefined) e.releasedAt = occurredAt;
  }

  followedUp(engagementId: string, occurredAt: string): void {
    const e = this.engagements.get(engagementId);
    if (e !== undefined) e.followUpAt ??= occurredAt;
  }

  /** `personOfCase`: whom a case is about now. */
  result(personOfCase: (caseId: string) => string): AllianceAddedMeasuresResult {
    const { from, to } = this.period;
    const byMonth = new Map<string, Tally>();
    const total = emptyTally();
    for (const engagementId of this.latestByCase.values()) {
      const e = this.engagements.get(engagementId);
      if (e === undefined || e.day < from || e.day > to) continue;
      const awaiting = e.outcomeDay === null || e.outcomeDay > to;
      const person = personOfCase(e.caseId);
      const month = e.day.slice(0, 7);
      const monthTally = byMonth.get(month) ?? emptyTally();
      byMonth.set(month, monthTally);
      tally(monthTally, e, person, awaiting);
      tally(total, e, person, awaiting);
    }
    return {
      months: new Map([...byMonth].map(([month, t]) => [month, measures(t)] as const)),
      total: measures(total),
    };
  }
}

export const NO_ADDED_MEASURES: AllianceAddedMeasures = measures(emptyTally());
