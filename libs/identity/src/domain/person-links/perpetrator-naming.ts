/**
 * A MARAC case as it stands now: whom it is about (her) and whom it names as perpetrator (him),
 * each the person holding that side after merges and splits. A split moves the victim's side with
 * the case and the perpetrator's with the record her referral brought in for him.
 */
export interface PerpetratorNaming {
  readonly caseId: string;
  readonly panel: string;
  readonly victim: string;
  readonly perpetrator: string;
}

/**
 * The case keeping `a` and `b` apart, if one is about either and names the other as perpetrator.
 * Her own referral says they are two people, as plainly as a reviewer's rejection: merging them
 * makes her "her own perpetrator", drops the case's perpetrator, shows her name and birthday to his
 * offender manager, and refuses every later referral of her naming him. Matching cannot outweigh
 * it: sharing a surname, a home and a nickname ("Sam") is what a household looks like. A case
 * whose two sides are one person names no one apart from her.
 */
export function namingKeepingApart(
  a: string,
  b: string,
  namings: Iterable<PerpetratorNaming>,
): PerpetratorNaming | undefined {
  if (a === b) return undefined;
  for (const naming of namings) {
    const { victim, perpetrator } = naming;
    if ((victim === a && perpetrator === b) || (victim === b && perpetrator === a)) return naming;
  }
  return undefined;
}
