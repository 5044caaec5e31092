import type { CounterfactualResult } from './counterfactual-cohort';
import { spreadsheetCsv } from '../../../platform/src/domain/csv';

/** Month by month figures, one row a month. */
export function counterfactualMonthsCsv(result: CounterfactualResult): string {
  return spreadsheetCsv(
    ['month', 'as_of', 'baseline', 'alternative', 'in_both', 'only_alternative', 'only_baseline', 'difference'],
    result.months.map((m) => [
      m.month,
      m.asOf,
      m.baseline,
      m.alternative,
      m.inBoth,
      m.onlyAlternative,
      m.onlyBaseline,
      m.difference,
    ]),
  );
}

/** Who changes side, one row a person a month, by pseudonym only. */
export function counterfactualPeopleCsv(result: CounterfactualResult): string {
  return spreadsheetCsv(
    ['month', 'change', 'pseudonym'],
    result.months.flatMap((m) => [
      ...m.wouldComeIn.map((p) => [m.month, 'would-come-in', p]),
      ...m.wouldDropOut.map((p) => [m.month, 'would-drop-out', p]),
    ]),
  );
}
