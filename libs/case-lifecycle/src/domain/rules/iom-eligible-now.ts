/**
 * Whether an IOM case is eligible for the core cohort on a standing: the case's now, or as it
 * stood on a decision's date (`iomStandingAt`). The latest evaluation is not enough:
 * a later upload that leaves the person out (or no longer finds them eligible) flags the case
 * expired without re-evaluating it, and from then on the case counts as not eligible until an
 * upload finds it eligible again. Adoption as eligible, discretionary adoption and the tracker's
 * `eligible` column all read this one answer, so the panel never adopts "as eligible" someone the
 * eligible-not-adopted figure counts as not eligible.
 *
 * Typed by the little it reads, so that the tracker, which keeps no evaluation, can ask it too.
 */
export interface IomStanding {
  /** The latest evaluation, null when none was recorded (read as not eligible). */
  readonly eligibility: { readonly eligible: boolean } | null;
  /** Present while the latest core-cohort upload no longer supports the case. */
  readonly cohortExpiry?: object;
}

export function iomEligibleOn({ eligibility, cohortExpiry }: IomStanding): boolean {
  return eligibility?.eligible === true && cohortExpiry === undefined;
}
