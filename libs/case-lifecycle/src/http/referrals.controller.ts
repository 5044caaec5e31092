import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal } from '../../../platform/src/auth/current-principal.decorator';
import type { Principal } from '../../../platform/src/auth/principal';
import { commandContextFor } from '../../../platform/src/http/command-context.factory';
import { exposePosition } from '../../../platform/src/http/position-header';
import { MakeReferralCommand, type ReferralOutcome } from '../application/make-referral.command';
import { MakeReferralDto } from './dto/referral.dto';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('v1/referrals')
export class ReferralsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @ApiOperation({
    summary: 'Make a referral to a panel',
    description:
      'Resolves the person (identifiers, then name + date of birth; a record is linked to a known person only on the records they hold when the link is recorded: one whose person changed meanwhile, by a split, a restore or a confirmed merge, is scored again, and one a restore or merge of its person holds up for long is registered and proposed beside them), applies the panel rules (MARAC criteria, DASH at or above the panel’s `dashThreshold` and police callouts at or above its `policeCalloutsThreshold`, and the repeat rule: a further incident, `marac.incidentAt`, within `repeatWindowMonths` calendar months of the victim’s last MARAC referral (14, 3 and 12 unless the area configured its MARAC: `GET /v1/panels` gives the settings in force; the referral records those it was judged against as `thresholdsApplied`, and a later setting never changes its judgement), however long after it is referred, the last being the later of her last referral here and the form’s `marac.previousMaracDate` (a MARAC before go-live, or another area’s); IOM core-cohort eligibility, Alliance age 10–18) and opens a case. ' +
      'A `referredAt` more than five minutes ahead of the server’s clock is refused before anything is written (400 naming `referredAt`). ' +
      'A `marac.previousMaracDate` after the referral’s UK day is 400 `marac-previous-before-referral`, and one before the victim’s `person.dateOfBirth` 400 `marac-previous-after-birth`. ' +
      'A MARAC referral meeting no criterion is 422 `marac-referral-criteria`; for a ticked `repeat` the message names the last MARAC referral known (its date, and whether from this system or the form) and where its window ends, or says none is known. ' +
      'A MARAC perpetrator the form cannot tell from the victim is 422 `marac-perpetrator-not-victim` (see `marac.perpetrator`); one it tells apart is resolved apart from her. ' +
      'Before a MARAC case naming a perpetrator is written, `case-naming-begun` is recorded on the victim’s identity stream (at the revision read, once no merge or restore of her is underway), so a confirmation merging her with him at the same moment is refused; one recorded first leaves him not recorded (`notRecorded` `marac-perpetrator-not-victim`, the case opened with the perpetrator not known). A merge or restore of her still underway after about a second is 503 `person-being-changed` (Retry-After: when one a stopped process left is withdrawn; her record and his are written, the case is not; the same referral retried sooner is 503 again, and once the change is recorded or withdrawn opens the case once, on those records). ' +
      'A placeholder identifier (an NHS number of one repeated digit, a PNC or CRO serial 0, a NOMS number or CRN with its digits all 0 or all 9 or the textbook `A1234BC` / `X123456`) is 400 `placeholder-identifier` naming the field. ' +
      'IOM keeps one open case per person (merged records count as the person): a referral while one is open is 409 `one-open-case-per-person` naming that case (field `person`), and one while another referral of the person is being recorded is 503 `referral-being-recorded` (Retry-After; nothing recorded); MARAC repeats and Alliance engagements are referred again as before. ' +
      'After a start-up the matcher reads the whole log before it can match anyone (`/ready` lists `person_matcher` as `catching-up` under `degraded` meanwhile; about a minute for a million events): a referral that arrives before it is done waits for it up to READ_YOUR_WRITES_TIMEOUT_MS (5 s by default), then answers 503 `matcher-warming-up` with Retry-After: 5, recording nothing (the form is checked first, so a bad one is still a 400 at once). Other routes do not wait for it.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({
    description:
      '`{ caseId, personId, perpetratorPersonId?, repeat?, repeatFrom?, eligible?, revision, position }`; MARAC: `repeatFrom` is `history` (her last referral here) or `reported` (the form’s previous MARAC date, the later) for a repeat, null for none',
  })
  async make(
    @Body() body: MakeReferralDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const context = commandContextFor(principal, request, body.referredAt);
    const outcome = await this.commands.execute<MakeReferralCommand, ReferralOutcome>(
      new MakeReferralCommand(body, principal, context),
    );
    exposePosition(response, outcome.position, outcome.revision);
    response.setHeader('Location', `/v1/cases/${outcome.caseId}`);
    return { ...outcome, revision: Number(outcome.revision), position: Number(outcome.position) };
  }
}
