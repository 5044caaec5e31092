import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  Optional,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { notFound } from '../../../command-handling/src/rejections';
import { AuditedRead } from '../../../platform/src/audit/audited-read';
import { PURPOSE_HEADER, requirePurpose } from '../../../platform/src/audit/read-audit';
import { CurrentPrincipal } from '../../../platform/src/auth/current-principal.decorator';
import type { Principal } from '../../../platform/src/auth/principal';
import { RequireRoles } from '../../../platform/src/auth/roles.decorator';
import { commandContextFor } from '../../../platform/src/http/command-context.factory';
import { exposePosition } from '../../../platform/src/http/position-header';
import { IdentityCommands } from '../application/identity-commands';
import { PersonIndexQuery, type IndexedPerson } from '../application/person-index.query';
import { MatchReviewQuery } from '../application/match-review.query';
import {
  disclosedPersonView,
  mayViewPerson,
  openedOnPerson,
  type Opened,
  visibleMatchReview,
  visiblePersonView,
  visibleReview,
  type ResidenceProtectingPanels,
} from '../application/person-visibility';
import { panelRegistryInForce } from '../../../case-lifecycle/src/application/configured-panel-registry';
import { residenceProtectingPanels } from '../../../case-lifecycle/src/domain/panel-registry';
import { APP_CONFIG, type AppConfig } from '../../../platform/src/config/app-config';
import {
  PERSON_DISCLOSURES,
  type PersonDisclosures,
} from '../../../information-sharing/src/published/person-disclosures';
import { OverlapsQuery, ReviewDecisionDto, ReviewListQuery, SplitPersonDto } from './people.dto';
import { RetryAfterInterceptor } from './retry-after.interceptor';
import { uuidParam } from '../../../platform/src/http/uuid-param';
import { ReadsViews } from '../../../platform/src/http/reads-views';
import { PERSON_INDEX } from '../projections';
import { disclosuresProjection } from '../../../information-sharing/src/projections/disclosures.projection';

const reviewId = uuidParam('id');
const personIdParam = uuidParam('personId');

/** A command's answer, with the log position it reached exposed for read-your-writes. */
async function answered<T extends { readonly position: number | undefined }>(
  response: Response,
  command: Promise<T>,
): Promise<T> {
  const result = await command;
  exposePosition(response, result.position === undefined ? undefined : BigInt(result.position));
  return result;
}

/** Every identity decision is judged on the current person index; when it cannot be, nothing is recorded. */
const DECIDED_ON_CURRENT_INDEX =
  ' 503 (with `Retry-After`) and nothing recorded: `read-model-rebuilding` while a release rebuilds the person index (the previous version answers, frozen), `read-model-failed` while the index is failing and no retry here falls within the wait, `read-model-newer-version` when the index of a newer release answers without what this release reads, `read-your-writes-timeout` when the index does not reach the head of the log within 5 s.';

/** Confirm, reject, reopen and split share one queue: each is checked on the index after the one before it. */
const TAKEN_IN_TURN =
  ' Confirmations, rejections, reopenings and splits (restores included) are taken one at a time, each checked on the person index once it holds the one before, so two sent together are decided as if sent one after the other. With `REDIS_URL`, they are taken one at a time across API processes under a Redis lease: 503 `review-decisions-busy` when it is not had within 5 s, 503 `review-decisions-unavailable` when Redis cannot be reached (both with `Retry-After: 1`, nothing recorded).';

@ApiTags('people')
@ApiBearerAuth()
@Controller('v1/people')
@RequireRoles('coordinator', 'practitioner', 'admin')
@UseInterceptors(RetryAfterInterceptor)
export class PeopleController {
  private readonly protecting: ResidenceProtectingPanels;

  constructor(
    private readonly index: PersonIndexQuery,
    private readonly commands: IdentityCommands,
    private readonly matchReviews: MatchReviewQuery,
    @Inject(APP_CONFIG) config: AppConfig,
    @Optional() @Inject(PERSON_DISCLOSURES) private readonly disclosures?: PersonDisclosures,
  ) {
    this.protecting = residenceProtectingPanels(panelRegistryInForce(config));
  }

  @Get('match-reviews')
  @ReadsViews(PERSON_INDEX)
  @AuditedRead('search', { subject: 'match-reviews' })
  @ApiOperation({
    summary: 'Open match proposals: pairs of people the matcher scored between the review and link thresholds',
    description:
      "`{ items: [{ id, personIds: [a, b], score, levels, guards, model? }], total, next? }`, oldest first, `model: { id, version }` naming the matching model that proposed the pair (absent from proposals recorded before models were named), at most `limit` (default 50, at most 500). Pass `next` back as `after` for the next page (absent on the last; 400 naming `after` for anything but a whole number): it is the log position of the page's last proposal, so a proposal decided between pages moves nothing, and nothing is skipped or shown twice (a proposal reopened or made visible meanwhile shows where it stands in the order, on a page not yet read or not at all); `total` counts every open pair you can see on every page, each pair once (two proposals that merges have made the same two people show as the older one); `personIds` are the people as they are now. A proposal that could not be confirmed is left out (its GET says why in `notInQueue`): the two are one person already, one holds nothing, a rejection keeps them apart, a split parted the two (`people-split-apart`: a split that started one of them, as each is now through anyone merged into either since; only undoing that split makes them one), a split since moved the record it was scored on off them (`proposal-evidence-moved`; a later referral whose record of either scores against the other proposes it again under the same id, and it is back, in the order where it was proposed again), its `identifiers: agree` rested on a value the two shared that a removal since the proposal took off a record one of them holds now (`identifiersRemoved`, through a case's `person-details`, as recorded in error), so the two share no identifier now (`proposal-evidence-removed`; setting the value again through that record's case puts it back where it was; a value a split or restore took to someone else is no removal, and leaves the review where it was), or the two as they are now hold different valid values of one identifier kind (`identifier-conflict`, judged on every record each holds, as a confirmation is: also a value one of them gained after the proposal; splitting off the record that brought it puts the proposal back where it was in the order), or a MARAC case about one of the two names the other as perpetrator, as the two are now (`marac-victim-and-perpetrator`: a victim and the perpetrator her case names are never one person, and the matcher never proposes them; to a reader who is not on that case's panel and not an admin, `kept-apart-by-another-panel`, which names neither the panel nor anyone's role). Only pairs whose two people you can see. When either has a record from a panel that protects residence (MARAC, or one configured with `protectsResidence`) whose address you may not see, or a record no referral claimed (unless you are an admin), there is no `score`, `levels` has no `residence` and `guards` no `twins` or `different-generation` (each would say where the victim lives).",
  })
  reviews(@Query() query: ReviewListQuery, @CurrentPrincipal() principal: Principal) {
    const now = new Date();
    const visible = this.index.openReviews().flatMap(({ position, ...review }) => {
      const people = this.bothVisible(review.personIds, principal);
      return people === undefined ? [] : [{ position, review, people }];
    });
    const { after } = query;
    const rest = after === undefined ? visible : visible.filter(({ position }) => position > after);
    const page = rest.slice(0, query.limit ?? 50);
    const items = page.map(({ review, people }) =>
      visibleReview(principal, review, people, this.protecting, (person) => this.openedOn(person, principal, now)),
    );
    const last = page[page.length - 1];
    return { items, total: visible.length, ...(rest.length > page.length && last ? { next: last.position } : {}) };
  }

  @Get('match-reviews/:id')
  @ReadsViews(PERSON_INDEX)
  @AuditedRead('search', { subject: 'match-review' })
  @ApiOperation({
    summary:
      'One match proposal, open or decided: what was proposed, who decided it, when, why, and whether it took effect',
    description:
      '`{ id, personIds: [a, b], score, levels, guards, model?, status, notInQueue?, decision? }` (`model`: the matching model that proposed the pair, as in the queue); `personIds` are the people as they are now (one id twice once merged). `status`: `open`; `confirmed` (the two were merged); `confirmed-undone` (merged, then a restoring split made them two again: `decision.undoneBy: { position, personId, by, reason, at, recordedAt }` names the split, its log position and the person split; also every other confirmed review whose two people that split parted, by who is one person once it has sorted those merged in while the two were one (`mergedWhileOne`), whichever way it sent the person the review merged in: one whose two people it keeps together (the restored person and her own record sent back with her) stays `confirmed`; `personIds` are the people as they are now; it stays undone if other reviews make the two one again, until it is reopened); `confirmed-merged-nobody` (recorded after a rejection that keeps them apart, or after another confirmation made them one); `rejected` (keeps the two apart); `rejected-kept-no-one-apart` (recorded after confirmations made them one person). An open review the queue leaves out has `notInQueue: { rule }` (`already-one-person`, `match-rejected-before`, `people-split-apart` when a split that started one of the two parted them from the other (as each is now, through anyone merged into either since), so confirming it is 409: reject it, or undo that split (split with `restore` naming the person it started), `person-holds-nothing` when one of the two holds no record, no case and is named on no case now, `proposal-evidence-moved` when a split since moved the referral record it was scored on off the second person, so its score and levels describe a record they no longer hold, until a later referral brings in a record of either that reaches the review band against the other and proposes the pair again on this id, with the score and levels of that record, `proposal-evidence-removed` when it was scored with `identifiers: agree`, a removal since the proposal (`identifiersRemoved`, through a case’s `person-details`, as recorded in error) took a value the two shared off a record one of them holds now, and the two, as they are now, share no identifier value (a value a split or restore took to someone else is no removal: such a review keeps the rules it had), so confirming it is 409: reject it, or, if the removal was the error, set the value again through that record’s case and it is back in the queue, `identifier-conflict` with `kinds` (of `pnc`, `cro`, `nhsNumber`, `noms`, `crn`) when the two people as they are now hold different valid values of those kinds and share none, so confirming it is 409 `identifier-conflict`: reject it, or split off the record that brought the other value and it is back in the queue, `marac-victim-and-perpetrator` with `caseId` when that MARAC case about one of the two names the other as perpetrator (whoever holds the case and the perpetrator record it brought in now, after merges and splits), so confirming it is 409: reject it, or, if the case named the wrong person, split that record off them and the pair is a question again; a reader not on that case’s panel (nor an admin) gets `kept-apart-by-another-panel` with no `caseId` instead, as their panels show MARAC on either person only as a marker, never in what role, or `same-pair-in-queue` with `reviewId`: an older proposal of the same two people, as merges since have made them, is queued instead, and one decision on it settles both). A decided one has `decision: { decidedBy: { id, name, agency }, reason, decidedAt, recordedAt, tookEffect, noEffect?: { rule, rejectionReviewId? } }`; decisions that race are settled in the order the log recorded them (`recordedAt` says when). A review reopened since keeps what was decided before in `earlierDecisions`, in log order: `[{ decision: confirmed | rejected, decidedBy, reason, decidedAt, recordedAt, tookEffect, noEffect?, undoneBy?, reopened: { by, reason, at, recordedAt } }]` (absent when never reopened). 404 `match-review-exists` unless you can see both people. Withheld as in the queue when either has a record from a panel that protects residence whose address you may not see: no `score`, no `residence` level, no `twins` or `different-generation` guard, and no `reason` (`reasonWithheld: true`) on the decision, its `undoneBy`, nor any earlier decision or its `reopened`: each may say where the victim lives. 503 `read-model-rebuilding` (with `Retry-After`) while a release rebuilds the person index: the previous version does not hold the decision.',
  })
  review(@Param('id', reviewId) id: string, @CurrentPrincipal() principal: Principal) {
    const review = this.matchReviews.review(id);
    const people = review === undefined ? undefined : this.bothVisible(review.personIds, principal);
    // A review of someone the reader cannot see answers as if there were none.
    if (review === undefined || people === undefined) throw notFound('match-review-exists', `no match review ${id}`);
    const now = new Date();
    return visibleMatchReview(principal, review, people, this.protecting, (person) =>
      this.openedOn(person, principal, now),
    );
  }

  /** A review is the reader's to see only when both people are (a case of each on their panels). */
  private bothVisible(personIds: readonly string[], principal: Principal): IndexedPerson[] | undefined {
    const people = personIds.map((id) => this.index.person(id));
    return people.every((person): person is IndexedPerson => person !== undefined && mayViewPerson(principal, person))
      ? people
      : undefined;
  }

  @Post('match-reviews/:id/confirm')
  @HttpCode(200)
  @RequireRoles('coordinator', 'admin')
  @ApiOperation({
    summary: 'Confirm a proposal: the two people become one; the one registered first survives',
    description:
      'Body `{ reason }`. Answers `{ id, status, survivorId, mergedId, position }`: the person registered first survives, also when a confirmation recorded just before merged one of the two into someone else (then `survivorId` is that person, registered before the other). 409 `identifier-conflict` when the two people as they are now hold different valid values of one identifier (PNC, CRO, NHS number, NOMS, CRN; the message names the kinds), whatever was linked or merged since the proposal: split off the record that brought the other value first, or reject (such a review is not in the queue, and its GET names the kinds in `notInQueue`). 409 `match-rejected-before` when a standing rejection keeps the two people apart, also when it was recorded just before this confirmation (which then merged nobody; reopen to decide again). 200 when another confirmation recorded just before made the two one person already. 409 `person-holds-nothing` when one of the two holds no record, no case and is named on no case now (all of it split off them, or taken back by an undone split): reject it. 409 `people-split-apart` (nothing recorded) when a split that started one of the two parted them from the other, as each is now (through anyone merged into either since, in either direction): the split said the records it moved are someone else’s; reject it, or undo that split (split with `restore` naming the person it started) to make them one. Such a review is not in the queue (a later referral proposed against each of them, one of its reviews confirmed, leaves the other pairing them). 409 `marac-victim-and-perpetrator` (nothing recorded) when a MARAC case about one of the two names the other as perpetrator (the message names the case): merging them would make her her own perpetrator, take the case’s perpetrator away, show her name and birthday on his record to other panels and refuse her next referral naming him; reject it. The same while a MARAC referral naming them is writing its case (`case-naming-begun` on her identity stream, recorded before the case; a confirmation whose facts were read before that is 409 `person-changed`). A reader not on that case’s panel (nor an admin) gets 409 `kept-apart-by-another-panel` instead, naming no panel, case or role. 409 `proposal-evidence-moved` (nothing recorded) when a split since the proposal moved the referral record it was scored on off the second person: its score and levels describe a record they no longer hold; reject it, or undo that split to bring it back. 409 `proposal-evidence-removed` (nothing recorded) when it was scored with identifiers agreeing, a removal since the proposal (`identifiersRemoved`, through a case’s `person-details`, as recorded in error) took a value the two shared off a record one of them holds now, and the two share no identifier now (a value a split or restore took to someone else is no removal, and does not refuse the confirmation): its levels say the identifiers agree when they do not; reject it, or set the value again through that record’s case if the removal was the error. 409 `match-proposal-open` once decided; for a confirmation whose merge a restoring split undid, the message says so and that `reopen` re-opens it, and, when the person it merged in is held by someone else now (the split sorted them to the person it restored, or kept them with the survivor while the review paired the person it restored), whom the review pairs now, that confirming it anew merges those two, and that undoing that person’s merge first (split with `restore`) lets it merge them alone; once other confirmations have made its two people one again, it says so and that their merge must be undone before it can be reopened. A confirmation is recorded as `merge-begun` on the stream of each of the two people, then `match-confirmed` on the review’s stream, so a referral linking a record to either of them at the same moment is either linked first, and the confirmation is 409 `person-changed` (nothing merged: re-read the review, which names any identifier the record brought in `notInQueue`, and decide again), or scored on the merged person (and proposed beside them when it carries another value of one of their identifiers); a referral never links to either while the merge is underway. 409 `match-review-changed` (nothing merged) when the review itself changed as the confirmation was recorded (proposed again on a newer record). A confirmation that began and could not be recorded is withdrawn (`merge-withdrawn` on the review’s stream; the review stays open).' +
      DECIDED_ON_CURRENT_INDEX +
      TAKEN_IN_TURN,
  })
  async confirm(
    @Param('id', reviewId) id: string,
    @Body() body: ReviewDecisionDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return answered(
      response,
      this.commands.confirm(principal, id, body.reason, commandContextFor(principal, request, undefined)),
    );
  }

  @Post('match-reviews/:id/reject')
  @HttpCode(200)
  @RequireRoles('coordinator', 'admin')
  @ApiOperation({
    summary: 'Reject a proposal: the pair is never proposed again (a reviewer may reopen it)',
    description:
      'Body `{ reason }`. 409 `undo-the-merge-first` when confirmed merges have made the two one person (split with `restore` first), also when such a confirmation was recorded just before this rejection. 409 `match-proposal-open` once decided; for a confirmation whose merge a restoring split undid, the message says so and that `reopen` re-opens it, and, when the person it merged in is held by someone else now (the split sorted them to the person it restored, or kept them with the survivor while the review paired the person it restored), whom the review pairs now, that confirming it anew merges those two, and that undoing that person’s merge first (split with `restore`) lets it merge them alone; once other confirmations have made its two people one again, it says so and that their merge must be undone before it can be reopened. A proposal whose scored record was split off since (`proposal-evidence-moved`), whose agreeing identifier was removed since (`proposal-evidence-removed`), whose two people hold different values of one identifier (`identifier-conflict`), or whom a MARAC case keeps apart (`marac-victim-and-perpetrator`, `kept-apart-by-another-panel`), may still be rejected.' +
      DECIDED_ON_CURRENT_INDEX +
      TAKEN_IN_TURN,
  })
  async reject(
    @Param('id', reviewId) id: string,
    @Body() body: ReviewDecisionDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return answered(
      response,
      this.commands.reject(principal, id, body.reason, commandContextFor(principal, request, undefined)),
    );
  }

  @Post('match-reviews/:id/reopen')
  @HttpCode(200)
  @RequireRoles('coordinator', 'admin')
  @ApiOperation({
    summary: 'Reopen a decided proposal: take back a rejection, or a confirmation whose merge a split has undone',
    description:
      'Body `{ reason }`. Answers `{ id, status: "open", position }`; the proposal is back in the queue, to be confirmed or rejected again. 409 `match-proposal-decided` when it is open, `undo-the-merge-first` when it was confirmed and the two are still one person (split with `restore` first).' +
      DECIDED_ON_CURRENT_INDEX +
      TAKEN_IN_TURN,
  })
  async reopen(
    @Param('id', reviewId) id: string,
    @Body() body: ReviewDecisionDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return answered(
      response,
      this.commands.reopen(principal, id, body.reason, commandContextFor(principal, request, undefined)),
    );
  }

  @Get('overlaps')
  @ReadsViews(PERSON_INDEX)
  @AuditedRead('search', { subject: 'people-overlaps' })
  @ApiOperation({
    summary: 'People with open cases on more than one panel, with the panels (paged)',
    description:
      '`{ items: [{ personId, panels, cases: [{ caseId, panel, role }] }], total, next? }`: only people with an open case on one of your panels, by person id, `limit` (default 100, at most 500) of them; `total` counts every page. Pass `next` back as `cursor` for the next page (absent on the last). A MARAC case counts for its subject and for the perpetrator it names (`role`: `subject` or `perpetrator`); `panels` says which panels, never in what role; `cases` lists the open cases of your panels only, in the order they were referred.',
  })
  overlaps(@Query() query: OverlapsQuery, @CurrentPrincipal() principal: Principal) {
    const admin = principal.roles.includes('admin');
    const page = this.index.overlaps({
      ...(admin ? {} : { readerPanels: principal.panels }),
      ...(query.cursor === undefined ? {} : { after: query.cursor }),
      limit: query.limit ?? 100,
    });
    const items = page.items.map((o) => ({
      personId: o.personId,
      panels: o.panels,
      cases: o.openCases.filter((c) => admin || principal.panels.includes(c.panel)),
    }));
    return { items, total: page.total, ...(page.next === undefined ? {} : { next: page.next }) };
  }

  @Get(':personId')
  @ReadsViews(PERSON_INDEX, disclosuresProjection.name)
  @AuditedRead('person-viewed', { personIdParam: 'personId' })
  @ApiOperation({
    summary: 'A person: golden record, known names and identifiers, panels and cases',
    description:
      'A person id merged into another answers 200 with the surviving person and `mergedInto` (the survivor id) and `requestedId`. `golden`: the first record’s name, the date of birth most often recorded, and for each value that changes (address, postcode, sex, `safeContactNumber`) the one recorded last of those you may see, by where the value itself was recorded, not by which record changed last (an address recorded through her first case never brings back that record’s older safe number over a repeat referral’s newer one; while an older person index answers during a rebuild, a record whose past it does not keep counts from its latest change). Other panels show as `alsoKnownTo` markers; an address and postcode brought in by a panel that protects residence (MARAC, or one configured with `protectsResidence`) only to that panel’s members, and on a record no referral claimed (`records[].panel` null: a referral that failed part-way and was never retried) only to admins; a MARAC victim’s safe contact and children only to MARAC members. A reader whose panel’s case only names the person (a MARAC perpetrator) sees what their panels hold of him: their own records and `namedOn`, other panels as `alsoKnownTo` markers, `cases` empty. A reader with no case of the person gets only the fields disclosures to their agency opened, each as the panel the disclosure acted for sees it (an address or postcode only from records that panel may see), with `access: { via: disclosure, disclosureIds }`: the disclosures `GET /v1/disclosures?personId=` lists under them: about a case the person holds now (after a split or an undone merge moved it, the person who holds it, not the one it left), or about them alone and behind what it gave out a record they hold now (else under any id that stands for them now). Each opens a field only from the records its value came from when it was disclosed, that the person holds now and its panel sees: after a split or an undone merge, each person it gave details of shows those details, and nothing from a record it did not cover (never the first woman’s refuge address for a share that gave out her sister’s). Each field shows the value it had when it was disclosed, never one recorded since (her move to a refuge recorded through her case after a share gave out her home address shows the home address; a later share giving the field out again shows its value then), with `asDisclosedOn: { <field>: <occurredAt> }` naming, for each field shown, when the latest disclosure giving it was made, whether or not the value has changed since. A disclosure recorded before those records were kept opens, as its panel sees the person and each record as it stood then, only while the person is unchanged since (no record newer than it, nobody merged into them, no record or case a split moved onto or off them since); then nothing, since which record it gave out cannot be told. While an older person index answers during a rebuild, a record whose details changed since a disclosure opens nothing through it. A case worker whose own panels show the person sees another panel’s address or postcode a disclosure opened as it was disclosed, too. A disclosure that opens no field here is no reason to answer. 404 when no case on your panels is about or names this person and nothing was disclosed to you.',
  })
  @ApiOkResponse({ description: 'The person as you may see them' })
  view(
    @Param('personId', personIdParam) personId: string,
    @Headers(PURPOSE_HEADER) purpose: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ) {
    requirePurpose(purpose);
    const person = this.index.person(personId);
    const opened = person === undefined ? [] : this.openedOn(person, principal, new Date());
    const view =
      person === undefined
        ? undefined
        : (visiblePersonView(principal, person, this.protecting, this.index, opened) ??
          disclosedPersonView(
            person,
            opened,
            this.protecting,
            this.index,
            opened.flatMap((disclosure) => (disclosure.disclosureId === undefined ? [] : [disclosure.disclosureId])),
          ));
    if (view === undefined) throw notFound('person-exists', `no person ${personId}`);
    return { ...view, ...(view.personId === personId ? {} : { mergedInto: view.personId, requestedId: personId }) };
  }

  /**
   * What disclosures to the reader open on the person as the person index holds them now: those
   * the register lists under them, each only from the records behind what it gave out that they
   * hold (`openedOnPerson`).
   */
  private openedOn(person: IndexedPerson, principal: Principal, now: Date): Opened {
    const open = this.disclosures?.openOnPerson(person, principal, now);
    return open === undefined
      ? []
      : openedOnPerson(person, open.byDisclosure, this.protecting, {
          changedSince: (position) => this.index.changedSince(person, position),
          asOf: (record, position) => this.index.asOf(record, position),
        });
  }

  @Post(':personId/split')
  @HttpCode(200)
  @RequireRoles('coordinator', 'admin')
  @ApiOperation({
    summary: 'Split a person: undo a merge, move records and cases to a new person, or undo such a split',
    description:
      "Body `{ reason, restore?, recordIds?, caseIds?, personIds?, identifiersInError? }`. With `restore` (a person id merged into this one) that person comes back with every record and case they had before the merge, and each record linked to this person while the two were one (with the case its referral opened, and a MARAC case's perpetrator naming for a perpetrator's record) goes to whichever of the two it is: an equal valid identifier held by one of them only decides, otherwise the one the matcher clearly scores it higher with against each one's records as they will be, with whatever is already placed (it links to that one and not the other, or reaches the review threshold with that one only, or links to both by a margin of the link threshold). A coordinator restores only a person with a case on their panels (403 `split-within-your-panels` otherwise; admins may); a merged person who holds nothing now (every record and case split off them since) has a case on no one's, so any coordinator who may see this person may restore them: nothing goes back with them, but their id stops standing for this person and the review that merged them says `confirmed-undone`. Records and people merged in that carry one valid identifier value are one person's and go together: an identifier only one of the two holds places them all, else they go where one of them clearly scores (the rest follow, `by: identifier`) unless another of them clearly scores with the other person. Those that carry a valid identifier of each of the two (the nominal's PNC ID and the victim's NHS number) are never placed by score: the 409 below names them and the kinds of each. 409 `records-linked-while-merged` (nothing recorded) when neither clearly wins, or those scores disagree, or they carry an identifier of each: the message and `errors` (`field: recordIds`) name each such record and its case, and say which carry an identifier others being sorted carry (name all of those or none: naming some is 409 `records-share-an-identifier`, below) and which carry one of each of the two (`pnc of <restored>, nhsNumber of this person`: whichever way those go, the other's value ends up on both); send the restore again with `recordIds` or `caseIds` naming those that go back (a record takes its case with it, a case its record; what you name always goes back), the others staying with this person (`recordIds: []` keeps them all). Records of panels not yours are sorted and moved too, but never named to you: when one of them needs a reviewer the 409 says only that a coordinator of those panels, or an admin, must restore. The answer adds `linkedWhileMerged: [{ recordId, caseId?, to, by }]` (`to`: the person it went to; `by`: `identifier`, `score` or `reviewer`), only those your panels brought in. Each person other reviews merged into this person while the two were one is sorted the same way with everything they hold (their records and cases, and the ids merged into them before): an identifier on any of their records held by one of the two only, else where every record of theirs clearly scores; one who holds nothing now (all of it split off since) stays with this person, `by: holds-nothing`, and is never asked about; the restored person then holds them as if merged into them (their id resolves to the restored person; `restore` naming them, sent to the restored person, undoes that merge later), and every review whose two people this restore parts says `confirmed-undone`, undone by it like the restored person's own, whichever way the person it merged in was sorted (one whose two people it keeps together, such as a review of the restored person and someone sent back with them, stays `confirmed`). Neither: the same 409 names them (`person <id> (case …)`, `errors` with `field: personIds`); send `personIds` naming those that go back (any id of theirs, or one of their records or cases, names them; once any of `recordIds`, `caseIds` or `personIds` is given, even empty, everything undecided it does not name stays); 400 `person-merged-while-one` for an id that is not such a person your panels hold, or `personIds` on any other split. The answer adds `mergedWhileOne: [{ personId, to, by }]` (`by`: `identifier`, `score`, `reviewer` or `holds-nothing`), those all of whose records and cases your panels brought in. 409 `undo-the-later-merge-first` (nothing recorded) when one going back is the person everything is held under (this person was merged into them): undo that merge first, as the message says, then this one. Otherwise the listed records and cases move to a new person, who needs a case unless every record is one a MARAC referral brought in for its perpetrator (the case's perpetrator naming then follows the record; the case stays the victim's). A case moves with the record its referral brought in for its subject, and that record with its case, whenever this person holds both (with `restore` too, counting what the restored person takes back): 400 `case-with-its-record` otherwise, with an error naming `recordIds` (the records to add, and their cases) and one naming `caseIds` (the cases to add, and their records) as applies; a record no referral of theirs brought in (a monthly IOM upload's) or one whose case someone else holds already may move alone. Records that carry one valid identifier value (PNC, CRO, NHS number, NOMS, CRN; also through a record carrying values of two kinds) move together or not at all: 409 `records-share-an-identifier` (nothing recorded) when the split, a restore's naming or sorting included, would leave the value on records on both sides; the message and `errors` (`field: recordIds`) name the kinds (never the value) and each group's records on either side, those of panels not yours only as held for other panels (a coordinator of those panels, or an admin, must split); send it again naming all of them or none. A restore is not held to it for a value both people held before the merge (the restored person's own records and this person's own), nor one reaching both through a record carrying a value of each: no naming keeps those on one side. Records carrying one value go together, so when the value was recorded in error on the records on one side (his PNC ID typed as hers, which linked his record to her), send `identifiersInError` naming the kinds the 409 named (of `pnc`, `cro`, `nhsNumber`, `noms`, `crn`), and the split goes through, parting those values (only when every record carrying them, on both sides, came from your panels, or you are an admin: otherwise 403 `split-within-your-panels`, naming no record of panels not yours); the `person-split` event records the kinds and the answer adds `identifiersInError`. 400 naming `identifiersInError` for a kind not of those, or one whose values this split leaves on one side only (`identifier-in-error-parted`, also on undoing a split, which parts nothing). Both people then hold the value, and it decides no later referral between them: one carrying it joins either only when the rest of the record outweighs the other by a link's worth, otherwise it is registered and proposed against each (the two are never proposed as one again, and a review that comes to pair them is left out of the queue and its confirmation is 409 `people-split-apart`). The coordinator of the case whose record carries the value in error then takes it off that record (`POST /v1/cases/{caseId}/person-details` with `identifiers: { pnc: null }` and a `reason`), and from then on it is no longer his for the matcher or any view. `restore` naming a person split off this one (by any split: records and cases, or a perpetrator's records alone) undoes that split: exactly what it moved comes back, each under the id it was held under before the split (so a merge undone later still takes its records with it), recorded as `person-split`s from them back (answers `{ personId: <split-off>, intoPersonId: <this person>, returnedTo }`, `returnedTo` naming each person, as they are now, something went back to: what came from someone an undone merge has parted from this person since goes back to them, never onto this person; the split-off person is then nobody any panel sees). Refused while they hold anything else or less (a record linked or a case referred to them since, someone merged into them, something split off them): 400 `restore-only-what-the-split-moved` (`restore-only-perpetrator-records` for a perpetrator's split-off); 409 `person-holds-nothing` once they hold nothing (restored already); 403 `split-within-your-panels` unless your panels brought in every record and case going back (admins may), naming no panel, record or case when you may not see the split-off person; 409 `identifier-conflict` when whoever something goes back to now holds another valid value of an identifier kind it carries. Answers `{ personId, intoPersonId, position }`. 409 `person-changed` when the person (or the split-off person being restored, or anyone a restore gives something back to) changed between the read the split was decided on and its recording (another split, or a record a referral linked, possibly in another API process): nothing was moved; re-read the person and try again. A restore of a split-off person is recorded as `restore-begun` on each person it gives back to, then the `person-split`s back on the split-off person's stream; a referral's record is linked only on the records its person holds when the link is recorded, so a referral at the same moment is either linked first (and the restore refused, 409 `identifier-conflict` or `person-changed`) or scored on what the restore gave back (proposed beside the person when it brought another value of one of its identifiers). A restore that began and could not be recorded is withdrawn (`restore-withdrawn`)." +
      DECIDED_ON_CURRENT_INDEX +
      TAKEN_IN_TURN,
  })
  async split(
    @Param('personId', personIdParam) personId: string,
    @Body() body: SplitPersonDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return answered(
      response,
      this.commands.split(principal, personId, body, commandContextFor(principal, request, undefined)),
    );
  }
}
