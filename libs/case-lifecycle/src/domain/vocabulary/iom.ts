/** Vocabulary of Integrated Offender Management (London IOM framework 2021, pan-London platform). */

/** Criminogenic needs, the seven reducing-reoffending pathways. */
export const IOM_PATHWAYS = [
  'accommodation',
  'education-training-employment',
  'finance-debt',
  'drugs-alcohol',
  'mental-physical-health',
  'family-relationships',
  'attitudes',
] as const;
export type IomPathway = (typeof IOM_PATHWAYS)[number];

/**
 * Whether the nominal can be found: `unlocated` starts a run (six months or more: consider a
 * media appeal), `located` ends it.
 */
export const IOM_WHEREABOUTS = ['unlocated', 'located'] as const;
export type IomWhereabouts = (typeof IOM_WHEREABOUTS)[number];

/** Current status as the pan-London platform records it. */
export const IOM_CURRENT_STATUSES = [
  'custody',
  'pre-release',
  'engaging-with-sentence',
  'in-breach-or-wanted',
  'non-statutory',
] as const;
export type IomCurrentStatus = (typeof IOM_CURRENT_STATUSES)[number];

/**
 * Current status as the IOM referral form asks it. The form speaks of the sentence (licence,
 * community order) where the platform speaks of the person's situation; the form's answer is
 * stored as given on the referral and mapped to the platform's status by
 * {@link iomStatusFromReferralForm}, so neither vocabulary is lost.
 */
export const IOM_REFERRAL_FORM_STATUSES = ['custody', 'licence', 'community-order', 'breach-or-wanted'] as const;
export type IomReferralFormStatus = (typeof IOM_REFERRAL_FORM_STATUSES)[number];

/**
 * Someone on licence or a community order is serving their sentence in the community, which
 * the platform calls "engaging with sentence"; breach/wanted is the platform's
 * "in breach or wanted". (Whether they actually engage is recorded separately, as motivation &
 * engagement.)
 */
export function iomStatusFromReferralForm(status: IomReferralFormStatus): IomCurrentStatus {
  switch (status) {
    case 'custody':
      return 'custody';
    case 'licence':
    case 'community-order':
      return 'engaging-with-sentence';
    case 'breach-or-wanted':
      return 'in-breach-or-wanted';
    default: {
      const unexpected: never = status;
      throw new Error(`unknown IOM referral-form status ${String(unexpected)}`);
    }
  }
}

/** Exit statuses of the pan-London platform, plus `other` which must be explained. */
export const IOM_EXIT_STATUSES = ['success', 'moved-out-of-area', 'death', 'long-custodial-sentence', 'other'] as const;
export type IomExitStatus = (typeof IOM_EXIT_STATUSES)[number];

/** How a case reached the panel (London IOM referral routes). */
export const IOM_REFERRAL_ROUTES = ['probation-core-cohort-upload', 'core-partner', 'referral-form'] as const;
export type IomReferralRoute = (typeof IOM_REFERRAL_ROUTES)[number];
/**
 * The route of the referrals the monthly probation upload opens. Readers tell its referrals apart
 * by it: each step of an uploaded row is stamped with its own clock, unlike an API request's.
 */
export const CORE_COHORT_UPLOAD_ROUTE = 'probation-core-cohort-upload' satisfies IomReferralRoute;
/** The referral form any agency can use: the one route whose referrer may not know the OGRS/OVP scores. */
export const IOM_REFERRAL_FORM_ROUTE = 'referral-form' satisfies IomReferralRoute;

/**
 * Why a panel does not manage a referred case: the answer London's old system could not give for
 * 3,729 of 5,958 eligible people. A fixed list so that analysts count categories, never typed
 * text (which has named victims and their addresses). `other` must be explained in the reason.
 */
export const IOM_REJECTION_CATEGORIES = [
  'capacity',
  'managed-under-mappa',
  'managed-by-another-scheme',
  'risk-reduced',
  'in-long-custody',
  'moved-out-of-area',
  'not-suitable',
  'declined-by-lead-agency',
  'other',
] as const;
export type IomRejectionCategory = (typeof IOM_REJECTION_CATEGORIES)[number];

/**
 * Why a panel adds a case the core-cohort policy does not make eligible: the local priorities the
 * national IOM strategy's flexible cohort names (neighbourhood crime, domestic abuse, serious
 * violence), plus `other`, which must be explained in the reason.
 */
export const IOM_DISCRETION_CATEGORIES = [
  'neighbourhood-crime',
  'domestic-abuse',
  'serious-violence',
  'gangs-and-exploitation',
  'escalating-offending',
  'other',
] as const;
export type IomDiscretionCategory = (typeof IOM_DISCRETION_CATEGORIES)[number];

/** How readers show a rejection or discretionary adoption recorded before categories existed. */
export const IOM_NOT_CATEGORISED = 'not-categorised';
export type IomDecisionCategory = IomRejectionCategory | IomDiscretionCategory | typeof IOM_NOT_CATEGORISED;

/** A decision's recorded category when it is on its list, else `not-categorised`: readers never pass on another value. */
export function recordedCategory<Category extends string>(
  categories: readonly Category[],
  value: unknown,
): Category | typeof IOM_NOT_CATEGORISED {
  return categories.find((category) => category === value) ?? IOM_NOT_CATEGORISED;
}
