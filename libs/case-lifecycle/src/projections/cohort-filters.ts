import { Rejection, type RejectionDetail } from '../../../command-handling/src/rejections';
import { CASE_RULES, type PanelDefinition } from '../domain';
import type { CohortQuery } from './cohort.query';

export const PANEL_HAS_FILTER = 'panel-has-filter';

/**
 * The filters that only make sense against the panel asked for. A filter the panel has no column
 * for would otherwise answer wrongly without a word: `idva=none` on IOM matched every case,
 * `eligibility` on MARAC none, and a status the panel never records matched nothing.
 */
export function refusedCohortFilters(panel: PanelDefinition, query: CohortQuery): RejectionDetail[] {
  const refused: RejectionDetail[] = [];
  const { kind } = panel.rules;
  if (query.eligibility !== undefined && kind !== 'iom') {
    refused.push({
      field: 'eligibility',
      rule: PANEL_HAS_FILTER,
      message: `eligibility filters IOM cases; ${panel.code} has no eligibility`,
    });
  }
  if (query.enforcement !== undefined && kind !== 'iom') {
    refused.push({
      field: 'enforcement',
      rule: PANEL_HAS_FILTER,
      message: `enforcement filters IOM cases; ${panel.code} has no enforcement rules`,
    });
  }
  if (query.idva !== undefined && kind !== 'marac') {
    refused.push({
      field: 'idva',
      rule: PANEL_HAS_FILTER,
      message: `idva filters MARAC cases; ${panel.code} has none`,
    });
  }
  const statuses = panel.currentStatuses.map((status) => status.code);
  if (query.status !== undefined && !statuses.includes(query.status)) {
    refused.push({
      field: 'status',
      rule: CASE_RULES.panelCurrentStatus,
      message: `${panel.code} statuses are ${statuses.join(', ')}`,
    });
  }
  return refused;
}

/** A 400 naming every refused filter at once, as the validation pipe names every bad field. */
export function requireCohortFilters(panel: PanelDefinition, query: CohortQuery, extra: RejectionDetail[] = []): void {
  const refused = [...refusedCohortFilters(panel, query), ...extra];
  if (refused.length > 0) {
    throw new Rejection(
      'invalid',
      refused[0]?.rule ?? PANEL_HAS_FILTER,
      refused.map((r) => r.message).join('; '),
      refused,
    );
  }
}
