/** Vocabulary of MARAC (SafeLives referral criteria). */

/**
 * The four referral criteria. `visible-high-risk`, `potential-escalation` and `repeat` are
 * tested against facts on the referral (DASH score, police callouts, previous referral date);
 * `professional-judgement` is the referrer's own call and is met when ticked.
 */
export const MARAC_CRITERIA = [
  'visible-high-risk',
  'professional-judgement',
  'potential-escalation',
  'repeat',
] as const;
export type MaracCriterion = (typeof MARAC_CRITERIA)[number];

/**
 * Consent to share: given, or not given with the justification for sharing without it
 * (recorded because sharing without consent must be justified each time).
 */
export type MaracConsent = { readonly given: true } | { readonly given: false; readonly justification: string };

/** The perpetrator is a person in their own right (their own `person-<id>` stream). */
export interface PerpetratorRef {
  readonly personId: string;
  readonly relationshipToVictim: string;
}

/** A child in the household. A person id when the child is known as a person; a name otherwise. */
export interface ChildInHousehold {
  readonly name: string;
  readonly dateOfBirth?: string;
  readonly personId?: string;
}

export interface MaracIncident {
  /** When the incident happened (date or date-time). */
  readonly occurredAt: string;
  readonly summary: string;
}
