import type { CommandContext } from '../../../command-handling/src/command-context';
import type { Principal } from '../../../platform/src/auth/principal';
import type { MakeReferralDto } from '../http/dto/referral.dto';

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
  readonly eligible?: boolean;
  readonly revision: bigint;
  readonly position: bigint;
}
