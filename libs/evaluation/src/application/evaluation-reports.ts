import type { EventStore } from '../../../event-store/src/port/event-store';
import { CohortAsOf, type CohortAsOfResult } from '../domain/cohort-as-of';
import {
  CounterfactualCohort,
  type CounterfactualOptions,
  type CounterfactualResult,
} from '../domain/counterfactual-cohort';
import { IomCohortReport, type IomCohortResult } from '../domain/iom-cohort-report';
import {
  MaracRepeatRateReport,
  type MaracRepeatRateOptions,
  type MaracRepeatRateResult,
} from '../domain/marac-repeat-rate-report';
import { PeopleNow } from '../domain/people-now';
import { PersonProfiles } from '../domain/person-profiles';
import type { ReportPeriod } from '../domain/report-period';
import {
  allianceEngagementFeed,
  type AllianceEngagementOptions,
  type AllianceEngagementResult,
} from './replay-alliance-engagement';
import {
  cohortAsOfFeed,
  counterfactualFeed,
  iomCohortFeed,
  maracReferralsFeed,
  peopleNowFeed,
  personProfilesFeed,
} from './case-feeds';
import { replayLog, type ReplayConsumer, type ReplayOptions } from './replay-log';

/** Which reports to build, with their parameters; every one asked for is built from one pass. */
export interface ReportRequests {
  readonly alliance?: AllianceEngagementOptions;
  readonly marac?: MaracRepeatRateOptions;
  readonly iom?: ReportPeriod;
  readonly counterfactual?: CounterfactualOptions;
  /** `reach`: for today, the instant after the day that facts count up to (`asOfReach`). */
  readonly cohortAsOf?: { readonly panel: string; readonly asOf: string; readonly reach?: number };
}

export interface ReportResults {
  readonly alliance?: AllianceEngagementResult;
  readonly marac?: MaracRepeatRateResult;
  readonly iom?: IomCohortResult;
  readonly counterfactual?: CounterfactualResult;
  readonly cohortAsOf?: CohortAsOfResult;
  /** Events read from the log. */
  readonly eventsRead: number;
}

export async function runReports(
  store: EventStore,
  requests: ReportRequests,
  options: ReplayOptions = {},
): Promise<ReportResults> {
  const consumers: ReplayConsumer[] = [];
  const profiles = new PersonProfiles();
  if (requests.marac !== undefined || requests.iom !== undefined) consumers.push(personProfilesFeed(profiles));
  const alliance = requests.alliance === undefined ? undefined : allianceEngagementFeed(requests.alliance);
  if (alliance) consumers.push(alliance);
  const marac = requests.marac === undefined ? undefined : new MaracRepeatRateReport();
  if (marac) consumers.push(maracReferralsFeed(marac));
  const iom = requests.iom === undefined ? undefined : new IomCohortReport();
  if (iom) consumers.push(iomCohortFeed(iom));
  const counterfactual = requests.counterfactual === undefined ? undefined : new CounterfactualCohort();
  if (counterfactual) consumers.push(counterfactualFeed(counterfactual));

  const cohort = requests.cohortAsOf === undefined ? undefined : new CohortAsOf();
  if (cohort) consumers.push(cohortAsOfFeed(cohort));
  // Reports that count people count them as the log now knows them.
  const people = new PeopleNow();
  if (alliance || marac || iom || counterfactual || cohort) consumers.push(peopleNowFeed(people));

  const eventsRead = await replayLog(store, consumers, options);
  return {
    eventsRead,
    ...(alliance ? { alliance: alliance.result(people) } : {}),
    ...(marac && requests.marac ? { marac: marac.result(requests.marac, profiles, people.personOfCase) } : {}),
    ...(iom && requests.iom ? { iom: iom.result(requests.iom, profiles, people) } : {}),
    ...(counterfactual && requests.counterfactual
      ? {
          counterfactual: counterfactual.result(requests.counterfactual, people.personOfCase, (id) => people.idsOf(id)),
        }
      : {}),
    ...(cohort && requests.cohortAsOf
      ? {
          cohortAsOf: cohort.result(
            requests.cohortAsOf.panel,
            requests.cohortAsOf.asOf,
            people.personOfCase,
            requests.cohortAsOf.reach,
          ),
        }
      : {}),
  };
}
