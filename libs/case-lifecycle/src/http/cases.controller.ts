import { Controller, Get, Inject, Optional, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { EVENT_STORE, type EventStore } from '../../../event-store/src/port/event-store';
import { PersonIndexQuery } from '../../../identity/src/application/person-index.query';
import { OtherPanelsQuery } from '../../../identity/src/published/other-panels';
import { AuditedRead } from '../../../platform/src/audit/audited-read';
import { CurrentPrincipal } from '../../../platform/src/auth/current-principal.decorator';
import type { Principal } from '../../../platform/src/auth/principal';
import { RequireRoles } from '../../../platform/src/auth/roles.decorator';
import { uuidParam } from '../../../platform/src/http/uuid-param';
import { caseAsOf, caseFrom, loadCase } from '../application/case-command';
import { mayWorkOnPanel, requirePanelMember } from '../application/panel-access';
import { perpetratorMarkerOf } from '../application/perpetrator-marker';
import { CASE_VISIBILITY, type CaseVisibility } from '../../../information-sharing/src/published/case-visibility';
import { PANEL_REGISTRY } from '../application/configured-panel-registry';
import { caseStream, findPanel, type CaseRecord, type PanelCaseState, type PanelRegistry } from '../domain';
import { ReadsViews } from '../../../platform/src/http/reads-views';
import { cohortProjection } from '../projections/cohort.projection';
import { PERSON_INDEX } from '../../../identity/src/projections';
import { disclosuresProjection } from '../../../information-sharing/src/projections/disclosures.projection';

const caseIdPipe = uuidParam('caseId');

/** The panel's details as the view shows them: the words behind an IOM case's standing are for judging decisions. */
function detailsShown(panel: PanelCaseState) {
  if (panel.kind !== 'iom') return panel;
  const { standingHistory: _words, wordAt: _wordAt, ...shown } = panel;
  return shown;
}

/** The case view: `personId` is whom it is about now (merges and splits move cases between people). */
function caseView(record: CaseRecord & { revision: bigint }, personId: string) {
  const { exists: _exists, revision, panelCode, phase, ...rest } = record;
  return {
    ...rest,
    personId,
    panel: panelCode,
    status: phase,
    revision: Number(revision),
    details: detailsShown(record.panel),
  };
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1')
export class CasesController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PANEL_REGISTRY) private readonly registry: PanelRegistry,
    @Optional() @Inject(CASE_VISIBILITY) private readonly visibility?: CaseVisibility,
  ) {}
  /** Merges and splits move cases between people: views show the person the case is about now. */
  @Inject(PersonIndexQuery) private readonly people!: PersonIndexQuery;
  @Inject(OtherPanelsQuery) private readonly otherPanels!: OtherPanelsQuery;

  @Get('panels')
  @ReadsViews()
  @ApiOperation({
    summary: 'The panel registry: codes, lead agencies, rules and statuses',
    description:
      'The panels in force: the built-in ones with what the area configured (`PANELS`): its own panels, and the chair, lead agency, frequency and contact of IOM, MARAC and ALLIANCE, and MARAC’s `rules` (`dashThreshold`, `policeCalloutsThreshold`, `repeatWindowMonths`; SafeLives’ 14, 3 and 12 unless configured). New referrals are judged under these; each MARAC referral keeps the thresholds it was judged against.',
  })
  panels() {
    return { items: this.registry.panels };
  }

  @Get('cases/:caseId')
  @ReadsViews(cohortProjection.name, PERSON_INDEX, disclosuresProjection.name)
  @AuditedRead('case-viewed', { caseIdParam: 'caseId' })
  @RequireRoles('coordinator', 'practitioner', 'admin')
  @ApiOperation({
    summary: "A case's current state (ETag = its revision, for If-Match)",
    description:
      'The case as its panel sees it: status, person (current id), details, actions, meetings. MARAC cases, for MARAC readers only, carry `perpetrator: { personId, alsoKnownTo } | null`: the man the case names and the other panels he is open on, names only. A reader who sees the case only through a disclosure gets the disclosed fields, each as the case stood when the latest disclosure giving it was recorded, never what the panel recorded since (a later disclosure shows the fields it names at their values then, and only those; a MARAC case’s `safeContactNumber` is the victim’s number in force then, including one recorded through her case since the referral, and the referral’s only while the person index cannot tell), with `asDisclosedOn: { <field>: <occurredAt> }` naming when that disclosure was made; `personId` is whom the case is about now (disclosed person fields under `person`, as the case’s panel sees the person: no address or postcode that panel may not see, and each field only from the records its value came from when disclosed, at its value then, with `asDisclosedOn`, as in `GET /v1/people/{id}`) and `access: { via: disclosure, disclosureIds }`. 404 when the case is not on your panels and nothing was disclosed to you.',
  })
  async view(
    @Param('caseId', caseIdPipe) caseId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ) {
    const events = await this.store.readStream(caseStream(caseId));
    const current = caseFrom(events, caseId);
    const personId = this.people.personOfCase(caseId, current.personId);
    const view = caseView(current, personId);
    const panelCode = current.panelCode;
    if (!mayWorkOnPanel(principal, panelCode)) {
      // Off the panel: only fields disclosed to the reader's agency, each as the case stood when
      // shared, else the 404 of an unknown case. Whom it is about stays the person it is about now,
      // as its disclosed `person` is: after a split, the id it named then may be someone it left.
      const caseAt = (position: bigint) => {
        const then = caseAsOf(events, position);
        return then === undefined ? undefined : caseView(then, personId);
      };
      const disclosed = await this.visibility?.disclosedView(view, principal, new Date(), caseAt, events);
      if (disclosed === undefined) requirePanelMember(principal, panelCode, caseId);
      return disclosed;
    }
    response.setHeader('ETag', `"${current.revision.toString()}"`);
    // Only for readers on the panel: a disclosed view never learns whom the case names, nor where else he is known.
    const marac = findPanel(this.registry, panelCode)?.rules.kind === 'marac';
    return {
      ...view,
      alsoKnownTo: this.visibility?.alsoKnownTo(view.personId, caseId, panelCode) ?? [],
      ...(marac ? { perpetrator: perpetratorMarkerOf(this.otherPanels, caseId, panelCode) } : {}),
    };
  }

  @Get('cases/:caseId/events')
  @ReadsViews()
  @AuditedRead('case-viewed', { caseIdParam: 'caseId' })
  @RequireRoles('coordinator', 'practitioner', 'admin')
  @ApiOperation({
    summary: "The case's history, every event with who recorded it, when it happened and when it was recorded",
  })
  async history(@Param('caseId', caseIdPipe) caseId: string, @CurrentPrincipal() principal: Principal) {
    const current = await loadCase(this.store, caseId);
    requirePanelMember(principal, current.panelCode, caseId);
    const events = await this.store.readStream(caseStream(caseId));
    return {
      items: events.map((e) => ({
        id: e.id,
        type: e.type,
        revision: Number(e.revision),
        position: Number(e.position),
        data: e.data,
        metadata: e.metadata,
      })),
    };
  }
}
