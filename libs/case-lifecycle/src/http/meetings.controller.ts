import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { evolveAll } from '../../../command-handling/src/decider';
import { handleCommand } from '../../../command-handling/src/handle-command';
import { forbidden, invalid, notFound } from '../../../command-handling/src/rejections';
import { EVENT_STORE, type EventStore } from '../../../event-store/src/port/event-store';
import { AuditedRead } from '../../../platform/src/audit/audited-read';
import { CurrentPrincipal } from '../../../platform/src/auth/current-principal.decorator';
import type { Principal } from '../../../platform/src/auth/principal';
import { RequireRoles } from '../../../platform/src/auth/roles.decorator';
import { commandContextFor } from '../../../platform/src/http/command-context.factory';
import { exposePosition } from '../../../platform/src/http/position-header';
import { loadCase } from '../application/case-command';
import { mayWorkOnPanel, requirePanelMember } from '../application/panel-access';
import {
  caseDecider,
  caseStream,
  DEFAULT_PANEL_REGISTRY,
  type CaseCommand,
  findPanel,
  meetingDecider,
  meetingStream,
  type MeetingEvent,
  type MeetingRecord,
} from '../domain';
import { ListCaseDto, ScheduleMeetingDto } from './dto/meeting.dto';

const meetingIdPipe = new ParseUUIDPipe({ version: '4' });

@ApiTags('meetings')
@ApiBearerAuth()
@Controller('v1/meetings')
export class MeetingsController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  private async loadMeeting(meetingId: string, principal: Principal): Promise<MeetingRecord> {
    const state = evolveAll(
      meetingDecider,
      (await this.store.readStream(meetingStream(meetingId))) as unknown as MeetingEvent[],
    );
    if (!state.exists || !mayWorkOnPanel(principal, state.panelCode))
      throw notFound('meeting-exists', `no meeting ${meetingId}`);
    return state;
  }

  @Post()
  @ApiOperation({ summary: 'Schedule a panel meeting' })
  async schedule(
    @Body() body: ScheduleMeetingDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const panel = findPanel(DEFAULT_PANEL_REGISTRY, body.panel.toUpperCase());
    if (panel === undefined) throw invalid('panel', 'known-panel', `no panel ${body.panel} in the registry`);
    if (!mayWorkOnPanel(principal, panel.code))
      throw forbidden('panel-membership', `you are not a coordinator of ${panel.code}`);
    const meetingId = randomUUID();
    const context = commandContextFor(principal, request, undefined);
    const result = await handleCommand(
      this.store,
      meetingStream(meetingId),
      meetingDecider,
      {
        type: 'schedule-meeting',
        data: {
          meetingId,
          occurredAt: context.occurredAt,
          panelCode: panel.code,
          scheduledFor: body.scheduledFor,
          chair: body.chair,
          ...(body.location === undefined ? {} : { location: body.location }),
        },
      },
      context,
    );
    const position = exposePosition(response, result.position, result.nextExpectedRevision);
    response.setHeader('Location', `/v1/meetings/${meetingId}`);
    return { meetingId, position: Number(position) };
  }

  @Post(':meetingId/cases')
  @ApiOperation({ summary: 'List a case on the meeting, with what each agency needs to bring' })
  async list(
    @Param('meetingId', meetingIdPipe) meetingId: string,
    @Body() body: ListCaseDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const meeting = await this.loadMeeting(meetingId, principal);
    const current = await loadCase(this.store, body.caseId);
    requirePanelMember(principal, current.panelCode, body.caseId);
    const context = commandContextFor(principal, request, undefined);
    const listCase: CaseCommand = {
      type: 'list-case',
      data: {
        caseId: body.caseId,
        occurredAt: context.occurredAt,
        meetingId,
        meetingPanelCode: meeting.panelCode,
        meetingDate: meeting.scheduledFor,
      },
    };
    // The case's own rules (its panel, still open) are asked first: the meeting records the
    // listing before the case does, and a listing the case then refused would stay on an agenda
    // other panels' members read. A case changed between this check and its write can still leave
    // one there (a narrow race); the case's stream stays right either way.
    caseDecider.decide(listCase, current);
    // The meeting guards its agenda (a case is listed once); the case then records the listing.
    await handleCommand(
      this.store,
      meetingStream(meetingId),
      meetingDecider,
      {
        type: 'list-case-on-meeting',
        data: { meetingId, occurredAt: context.occurredAt, caseId: body.caseId, agencyRequests: body.agencyRequests },
      },
      context,
    );
    const result = await handleCommand(this.store, caseStream(body.caseId), caseDecider, listCase, context);
    const position = exposePosition(response, result.position);
    return { meetingId, caseId: body.caseId, position: Number(position) };
  }

  @Get(':meetingId/agenda')
  @AuditedRead('case-viewed')
  @RequireRoles('coordinator', 'practitioner', 'admin')
  @ApiOperation({ summary: 'The cases listed on the meeting, in order, with what each agency needs to bring' })
  async agenda(@Param('meetingId', meetingIdPipe) meetingId: string, @CurrentPrincipal() principal: Principal) {
    const meeting = await this.loadMeeting(meetingId, principal);
    return {
      meetingId,
      panel: meeting.panelCode,
      scheduledFor: meeting.scheduledFor,
      chair: meeting.chair,
      items: meeting.agenda.map((listed) => ({
        caseId: listed.caseId,
        agencyRequests: listed.agencyRequests,
        discussed: listed.discussed,
      })),
    };
  }

  @Get(':meetingId')
  @AuditedRead('case-viewed')
  @RequireRoles('coordinator', 'practitioner', 'admin')
  @ApiOperation({ summary: 'A meeting with its agenda' })
  async view(@Param('meetingId', meetingIdPipe) meetingId: string, @CurrentPrincipal() principal: Principal) {
    const { exists: _exists, ...meeting } = await this.loadMeeting(meetingId, principal);
    return meeting;
  }
}
