/**
 * The dates on a MARAC referral form, checked against each other and the server's clock before
 * anything is written. Fields are named as the form (`POST /v1/referrals`) names them.
 */
import { invalid } from '../../../../command-handling/src/rejections';
import { parseInstant, ukDay } from '../calendar';
import { requireNotInFuture } from '../input-checks';
import { CASE_RULES } from '../rule-names';

export interface MaracReferralDates {
  readonly referredAt: string;
  /** ISO-8601 instant. */
  readonly incidentAt: string;
  /** YYYY-MM-DD, as the referrer gives it. */
  readonly previousMaracDate?: string;
  /** The victim's date of birth (YYYY-MM-DD), as the form gives it. */
  readonly victimDateOfBirth?: string;
}

export function checkMaracReferralDates(dates: MaracReferralDates, recordedAt: string): void {
  // A referral dated ahead would count as a repeat window starting in the future.
  requireNotInFuture(dates.referredAt, recordedAt, 'referredAt', CASE_RULES.maracNotInFuture);
  const incident = parseInstant(dates.incidentAt);
  const referred = parseInstant(dates.referredAt);
  if (incident !== undefined && referred !== undefined && incident > referred) {
    throw invalid(
      'marac.incidentAt',
      CASE_RULES.maracIncidentBeforeReferral,
      `marac.incidentAt ${dates.incidentAt} is after referredAt ${dates.referredAt}: a referral follows its incident`,
    );
  }
  const referredOn = ukDay(dates.referredAt);
  if (dates.previousMaracDate !== undefined && referredOn !== undefined && dates.previousMaracDate > referredOn) {
    throw invalid(
      'marac.previousMaracDate',
      CASE_RULES.maracPreviousBeforeReferral,
      `marac.previousMaracDate ${dates.previousMaracDate} is after the referral (${referredOn}): it is an earlier MARAC`,
    );
  }
  // The date now counts as the victim's last referral: a mistyped year must not open a window.
  const born = dates.victimDateOfBirth;
  if (dates.previousMaracDate !== undefined && born !== undefined && dates.previousMaracDate < born) {
    throw invalid(
      'marac.previousMaracDate',
      CASE_RULES.maracPreviousAfterBirth,
      `marac.previousMaracDate ${dates.previousMaracDate} is before the victim's date of birth (${born})`,
    );
  }
}
