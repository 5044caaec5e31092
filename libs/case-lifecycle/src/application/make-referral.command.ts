import type { CommandContext } from '../../../command-handling/src/command-context';
import type { Principal } from '../../../platform/src/auth/principal';
import type { MakeReferralDto } from '../http/dto/referral.dto';
import type { MaracRepeatSource } from '../domain/rules/marac-repeat';

/** The Nest command for POST /v1/referrals; the handler does the work. */
export class MakeReferralCommand {
  constructor(
    readonly referral: MakeReferralDto,
    readonly principal: Principal,
    readonly context: CommandContext,
  ) {}
}

export interface ReferralOutcome {
  readonly caseId: string;
  readonly personId: string;
  readonly perpetratorPersonId?: string;
  readonly repeat?: boolean;
  /** MARAC: where the last referral a repeat was judged on is known from; null when it is no repeat. */
  readonly repeatFrom?: MaracRepeatSource | null;
  readonly eligible?: boolean;
  /**
   * What the form gave that was left unrecorded rather than written where it must not go (the
   * case is still opened): a perpetrator the resolver took for the victim, or her disability and
   * language when her record was brought in by another panel's referral.
   */
  readonly notRecorded?: readonly { readonly field: string; readonly rule: string }[];
  readonly revision: bigint;
  readonly position: bigint;
}
