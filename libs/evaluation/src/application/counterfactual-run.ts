import { createHmac, randomBytes } from 'node:crypto';
import type { EventStore } from '../../../event-store/src/port/event-store';
import type { AlternativePolicy, CounterfactualResult } from '../domain/counterfactual-cohort';
import { runReports } from './evaluation-reports';
import type { ReplayOptions } from './replay-log';

export interface CounterfactualRequest {
  readonly from: string;
  readonly to: string;
  readonly alternative: AlternativePolicy;
  readonly baseline?: AlternativePolicy;
}

/**
 * A keyed pseudonym with a key made for this run and then dropped: the same person has the same
 * pseudonym throughout one result (so months can be compared) but nobody, not even a second run,
 * can link it back to an id or to another result.
 */
export function runPseudonymiser(): (personId: string) => string {
  const key = randomBytes(32);
  return (personId) => `p-${createHmac('sha256', key).update(personId).digest('hex').slice(0, 16)}`;
}

export async function runCounterfactual(
  store: EventStore,
  request: CounterfactualRequest,
  options: ReplayOptions = {},
): Promise<CounterfactualResult> {
  const { counterfactual } = await runReports(
    store,
    {
      counterfactual: {
        from: request.from,
        to: request.to,
        alternative: request.alternative,
        ...(request.baseline === undefined ? {} : { baseline: request.baseline }),
        pseudonym: runPseudonymiser(),
      },
    },
    options,
  );
  if (counterfactual === undefined) throw new Error('the counterfactual replay produced no result');
  return counterfactual;
}
