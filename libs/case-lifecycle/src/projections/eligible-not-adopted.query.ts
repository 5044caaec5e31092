import { ApiHideProperty, OmitType } from '@nestjs/swagger';
import { Allow } from 'class-validator';
import type { RejectionDetail } from '../../../command-handling/src/rejections';
import type { PanelDefinition } from '../domain';
import { PANEL_HAS_FILTER } from './cohort-filters';
import { CohortQuery } from './cohort.query';

export const ELIGIBLE_NOT_ADOPTED = 'eligible-not-adopted';

/**
 * The eligible-not-adopted list's query: the tracker's, less `eligibility` (the list is one
 * eligibility state already) and `idva` (a MARAC column; the list is IOM's). The document listed
 * both, so a client generated from it offered filters that were always refused.
 */
export class EligibleNotAdoptedQuery extends OmitType(CohortQuery, ['eligibility', 'idva'] as const) {
  // Out of the document, yet read, so that whoever sends one is told why the list refuses it
  // rather than only that the route does not know it.
  @ApiHideProperty()
  @Allow()
  eligibility?: unknown;

  @ApiHideProperty()
  @Allow()
  idva?: unknown;
}

/** Why the list refuses the filters it cannot take, in the order the tracker names them. */
export function refusedOnEligibleNotAdopted(panel: PanelDefinition, query: EligibleNotAdoptedQuery): RejectionDetail[] {
  const refused: RejectionDetail[] = [];
  if (query.idva !== undefined)
    refused.push({
      field: 'idva',
      rule: PANEL_HAS_FILTER,
      message: `idva filters MARAC cases; ${panel.code} has none`,
    });
  if (query.eligibility !== undefined)
    refused.push({
      field: 'eligibility',
      rule: 'fixed-by-list',
      message: `this list is ${ELIGIBLE_NOT_ADOPTED} cases; drop eligibility`,
    });
  return refused;
}
