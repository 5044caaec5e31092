/** Vocabulary of Operation Alliance (custody-suite diversion for children). */

/**
 * The one outcome of an engagement: positively engaged & intervention arranged; positively
 * engaged & awaits intervention; would not engage; out of area — MASH referral completed.
 */
export const ALLIANCE_OUTCOMES = [
  'intervention-arranged',
  'awaiting-intervention',
  'would-not-engage',
  'out-of-area-mash-referral',
] as const;
export type AllianceOutcome = (typeof ALLIANCE_OUTCOMES)[number];

/**
 * Known to the Youth Offending Service: yes, no, or `null` when nobody checked. The
 * evaluation table reports yes/no counts that do not add up to the children engaged, because
 * the question was not always answered; `null` keeps that visible instead of guessing `false`.
 */
export type KnownToYos = boolean | null;
