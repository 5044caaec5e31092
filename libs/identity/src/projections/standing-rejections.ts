import type { StandingRejection } from '../domain/person-links';

/** A `proposals` row as the standing-rejection statements select it. */
export interface StandingRejectionRow {
  readonly proposal_id: string;
  readonly person_a: string;
  readonly person_b: string;
}

/**
 * Rejections in force in the person index, read the same way by the projection's merge rule and
 * the query. `between` narrows them to those whose two ids both stand for one of two people (bind
 * both current person ids): only those can keep the two apart, so folding a confirmation does not
 * read every rejection ever made.
 */
export function standingRejectionsSql(t: { table(local: string): string }, scope: 'all' | 'between'): string {
  const select = `SELECT proposal_id, person_a, person_b FROM ${t.table('proposals')} WHERE standing = 1`;
  if (scope === 'all') return select;
  return `WITH RECURSIVE members(id) AS (VALUES (?), (?)
            UNION SELECT p.person_id FROM ${t.table('people')} p JOIN members m ON p.merged_into = m.id)
          ${select} AND person_a IN (SELECT id FROM members) AND person_b IN (SELECT id FROM members)`;
}

export const toStandingRejection = (row: StandingRejectionRow): StandingRejection => ({
  proposalId: row.proposal_id,
  personIds: [row.person_a, row.person_b],
});
