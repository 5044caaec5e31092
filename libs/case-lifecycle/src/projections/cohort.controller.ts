import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { forbidden, notFound } from '../../../command-handling/src/rejections';
import { AuditedRead } from '../../../platform/src/audit/audited-read';
import { CurrentPrincipal } from '../../../platform/src/auth/current-principal.decorator';
import type { Principal } from '../../../platform/src/auth/principal';
import { mayWorkOnPanel } from '../application/panel-access';
import { PANEL_REGISTRY } from '../application/configured-panel-registry';
import { findPanel, type PanelRegistry } from '../domain';
import { requireCohortFilters } from './cohort-filters';
import { CohortQuery } from './cohort.query';
import { CohortService } from './cohort.service';
import {
  ELIGIBLE_NOT_ADOPTED,
  EligibleNotAdoptedQuery,
  refusedOnEligibleNotAdopted,
} from './eligible-not-adopted.query';
import { ReadsViews } from '../../../platform/src/http/reads-views';
import { cohortProjection } from './cohort.projection';
import { PERSON_INDEX } from '../../../identity/src/projections';

@ApiTags('cohorts')
@ApiBearerAuth()
@Controller('v1/panels/:panel')
export class CohortController {
  constructor(
    private readonly cohorts: CohortService,
    @Inject(PANEL_REGISTRY) private readonly registry: PanelRegistry,
  ) {}

  @Get('cohort')
  @ReadsViews(cohortProjection.name, PERSON_INDEX)
  @AuditedRead('search')
  @ApiOperation({
    summary: "A panel's live tracker: one item per open case, filtered and paged",
    description:
      '`nextMeeting`: the earliest meeting the case is listed on, not yet discussed, neither held nor cancelled, sitting that day or later (today; with `asOf`, that day); `nextReviewBefore` filters on it. ' +
      "`displayName`: the name the case's own referral gave (the record it brought in, with its later changes, wherever that record is now: a split recorded before a case had to move with its record may have parted them); `q` matches any name or alias the panel's referrals recorded for the person the case is about now, or that the case's own referral recorded, never another panel's. While the person index has not reached a case (being built, or moments behind its referral), the case shows `displayName: null`, is not matched by `q`, and `namesPending` counts it: retry shortly. A case whose referral brought in no record the index can find for its subject (a referral recorded before referrals named their records may not say which) shows `displayName: null` and is not counted: waiting would not name it. " +
      'Each item has the common columns and its panel\'s own. `marac`: `repeat`, `repeatRecognisedLater`, `repeatFrom`, `dashScore`, `idva` (IDVA support: the most current status, `started` > `arranged` > `completed` > `declined`, of the case\'s interventions of kind `idva` or whose type names an IDVA, e.g. "IDVA support", "Idvas", "Independent Domestic Violence Adviser/Advisor/Advocate"; null when none is recorded). ' +
      "`repeat`: a repeat as far as is known now (SafeLives: a further incident within the repeat window of the victim's last earlier MARAC referral): the victim, as the person is now after reviewers' confirmed merges and splits, has an earlier referral to the panel (its case open, closed or declined), or the referral form gave a previous MARAC date (`marac.previousMaracDate`: a MARAC before go-live, or another area's), and this referral's incident happened within the window this referral recorded of either, from its UK day (an incident dated before it is not a further one) to its anniversary, or the referral was judged one when made and still is on the history as known now (no split has since moved that earlier referral to another person, and its incident did not come before it). `repeatRecognisedLater`: true when it is a repeat as the history is known now that its referral did not flag: identities merged since, a split that moved a case to the victim, or an earlier referral recorded later (back-dated), so a coordinator can tell a repeat recognised later from one flagged at referral; a split that separates the two identities takes it away again. Of two referrals dated the same instant, the one recorded first is the earlier, as in the repeat-rate report. `repeatFrom`, for a repeat: `history` when the incident repeats the victim's last referral here, else `reported` (it repeats the form's previous MARAC date); null when it is no repeat. A referral recorded before the form's date counted is judged on the history alone, as it was. " +
      "`iom`: `eligible` (null while not assessed), `eligibility` (`eligible`, `not-eligible`, or `not-assessed` while no OGRS/OVP scores are evaluated on the case: a referral form that came without them, until `POST /v1/cases/{caseId}/iom/scores` or an upload records some; the `eligibility=` filter takes the same words, and a case not assessed is never on the eligible-not-adopted list nor counted as not eligible), `decision`, `reason`, `engagementLevel`, `pathways`, `alsoPending` (the case ids of the person's other IOM referrals awaiting a decision, as the person is now after merges and splits, in referral order; `[]` when none: the duplicates a merge revealed, for the panel to close), `cohortExpiry` (`{ month, reason }` while the latest core-cohort upload no longer supports the case, until an evaluation finds it eligible again; else null); `nonEngagementSince`, the UK date engagement was last recorded as engaging (or the first record of no engagement) while the latest motivation & engagement level is `no-attendance-or-engagement`, else null; `unlocatedSince`, the UK date from which whereabouts have been recorded unlocated (`POST /v1/cases/{caseId}/iom/whereabouts`), else null; `enforcement`: what is due, `[]` when nothing: `background-checks` at three months or more not engaging, `media-appeal` (consider a media appeal) at six calendar months or more unlocated, the months counted forward from the first UK day of the run (a run from 30 November is due on 28 February; `enforcement=` filters on either, live and `asOf`). " +
      "`alliance`: `residence` (the latest engagement's, as typed: the one in force that day, a correction holding from its `occurredAt`), `outcome`, `followUpDue`, `followUpFrom`, `followUpOverdue`. The follow-up is due 48 hours after the release from custody: `followUpFrom` is `release` once the release is recorded; `awaiting-release` while the case's current status is `in-custody` and no release is recorded, when `followUpDue` is null and it is never overdue (nor listed by `overdue=true`); else `engagement`, due 48 hours after the engagement (a child never recorded held, or whose status left `in-custody` with no release recorded: record the release to count from it). All null when no follow-up is owed (out of area, or done). `asOf` shows them as they stood that day. " +
      '`eligibility=rejected` lists the rejected IOM referrals (closed by the rejection) with their reasons. Filters a panel has no column for (`idva` off MARAC, `eligibility` and `enforcement` off IOM) and statuses outside its list are refused with 400. ' +
      "Paging: in referral order (the instant, then case id); `next` (absent on the last page) gives `after`, the last case's place, and `limit`; pass them back for the next page, which starts strictly after that case whatever was closed, declined or referred (back-dated) meanwhile. `next.offset` is given too while paging by `offset`, which is kept for older clients but may skip or repeat a case when the list changes between pages; `after` wins over `offset`. A cursor the tracker did not give is 400 naming `after`. " +
      'During a version bump, until the new version of the tracker is rebuilt, the previous one answers, frozen at its last log position: the body carries `previousVersion: { version, rebuilding, position, lacking, unknownFields }` (the response `X-Read-Model-Version`), `lacking` what that version does not hold (`table.column`) and `unknownFields` the item fields shown null for want of it; a filter that reads what it lacks is refused with 503 `read-model-rebuilding` naming the filter in `errors`, and `X-Min-Position` past its position with 503 `read-model-rebuilding` at once. Show it as updating. ' +
      'With `asOf=YYYY-MM-DD` the cohort is rebuilt from history as it stood at the end of that day (by occurredAt); who a case is about (`personId`), and so `repeatRecognisedLater`, follow the people as they are known now, merges and splits recorded since included, counting the referrals made by that day (by their date, back-dated ones recorded since included).',
  })
  cohort(@Param('panel') code: string, @Query() query: CohortQuery, @CurrentPrincipal() principal: Principal) {
    const panel = findPanel(this.registry, code.toUpperCase());
    if (panel === undefined) throw notFound('panel-exists', `no panel ${code}`);
    if (!mayWorkOnPanel(principal, panel.code))
      throw forbidden('panel-membership', `you are not a member of ${panel.code}`);
    requireCohortFilters(panel, query);
    return this.cohorts.cohort(panel, query, new Date());
  }

  @Get('eligible-not-adopted')
  @ReadsViews(cohortProjection.name, PERSON_INDEX)
  @AuditedRead('search')
  @ApiOperation({
    summary: 'IOM: people eligible for the core cohort but not adopted, with the recorded reason',
    description:
      "Open referrals awaiting a decision, and referrals the panel rejected (`decision: 'rejected'`, `reason`) unless the person, as they are now after merges and splits, has been referred to the panel again since (a later `referredAt`, whatever became of that referral) or holds an open case of it. " +
      'An earlier period on the panel, adopted and closed before the rejected referral (under the person or a record merged into them), does not take a rejection out. ' +
      "A referral awaiting a decision is left out while the person, as they are now, is managed on another open case of the panel (adopted, or by discretion): a duplicate a merge revealed, which the tracker still lists for the panel to close; it is listed again once that case closes. Of two or more referrals awaiting a decision for one person (a merge revealed them), the first referred is listed, once, naming the others in `iom.alsoPending`; they are its duplicates, on the tracker for the panel to close. The analysts' report (`GET /v1/analytics/iom/cohort`, `eligibleNotAdopted.awaitingDecision`) counts both the same way, a person once. " +
      'Either is left out while the latest eligibility evidence about the person (an evaluation or expiry flag on their IOM cases, or a later monthly core-cohort upload scoring them, or no longer listing them) says they are not eligible; a later upload that has them eligible lists them again. ' +
      "Latest means true latest: a referral's evaluation counts from its `referredAt`, an upload's word from the file's receipt (of two at one instant, the one recorded later; uploads among themselves by the month they cover), so an older referral typed in after a newer one does not outweigh it, live or `asOf`. " +
      "Items, the other filters, paging and `asOf` are the tracker's (`GET /v1/panels/{panel}/cohort`, equal to its `eligibility=eligible-not-adopted`); `eligibility` (400 `fixed-by-list`: the list is one eligibility state already) and `idva` (400 `panel-has-filter`: a MARAC column) are refused, and a panel other than IOM is 404 `iom-panel`.",
  })
  eligibleNotAdopted(
    @Param('panel') code: string,
    @Query() query: EligibleNotAdoptedQuery,
    @CurrentPrincipal() principal: Principal,
  ) {
    const panel = findPanel(this.registry, code.toUpperCase());
    if (panel === undefined || panel.rules.kind !== 'iom') throw notFound('iom-panel', `no IOM panel ${code}`);
    if (!mayWorkOnPanel(principal, panel.code))
      throw forbidden('panel-membership', `you are not a member of ${panel.code}`);
    // Another eligibility asked for would be silently replaced by the list's own: refused instead.
    const { eligibility: _eligibility, idva: _idva, ...filters } = query;
    requireCohortFilters(panel, filters, refusedOnEligibleNotAdopted(panel, query));
    return this.cohorts.cohort(panel, { ...filters, eligibility: ELIGIBLE_NOT_ADOPTED }, new Date());
  }
}
