import {
  Controller,
  Get,
  Inject,
  Param,
  Query,
  Req,
  Res,
  ServiceUnavailableException,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { EVENT_STORE, type EventStore } from '../../../event-store/src/port/event-store';
import { READ_AUDIT_RECORDER, type ReadAuditRecorder } from '../../../platform/src/audit/read-audit';
import { CurrentPrincipal } from '../../../platform/src/auth/current-principal.decorator';
import type { Principal } from '../../../platform/src/auth/principal';
import { RequireRoles } from '../../../platform/src/auth/roles.decorator';
import { APP_CONFIG, type AppConfig } from '../../../platform/src/config/app-config';
import { READ_MODEL_PROGRESS, type ReadModelProgress } from '../../../platform/src/http/read-model-progress';
import { uuidParam } from '../../../platform/src/http/uuid-param';
import { RetryAfterInterceptor } from '../../../identity/src/http/retry-after.interceptor';
import { redactsMarac } from '../application/marac-redaction';
import { MAX_IDS } from '../application/returned-ids';
import { SubjectAccessService } from '../application/subject-access.service';
import { AuditTrailQuery, type TrailItem } from '../projections/audit-trail.query';
import { SubjectAccessQueryParams } from './audit-query-params';
import { csv } from './csv';
import { TrailQueryParams } from './trail.query-params';

// Person ids are only ever minted as UUIDs (random, or name-based for imports), so another shape is
// a mistake to name (400), not a person to look for (404).
const personIdParam = uuidParam('personId');

/**
 * Characters of JSON a trail page may hold before it stops early with `next`. A search lists every
 * id it returned, and one listing of `/v1/people/overlaps` names 1,800, so 100 entries came to
 * 1-3 MB; this keeps a page near half a megabyte with every id of every entry on it, since who
 * was shown is what an auditor is asking.
 */
export const TRAIL_PAGE_BUDGET = 512 * 1024;

const wantsCsv = (request: Request, format: string | undefined): boolean =>
  format === 'csv' || (format === undefined && (request.headers.accept ?? '').includes('text/csv'));

const TRAIL_COLUMNS = [
  'position',
  'at',
  'actorId',
  'actorName',
  'actorAgency',
  'action',
  'kind',
  'caseId',
  'personId',
  'purpose',
  'caseIds',
  'personIds',
  'resultCount',
  'parameters',
  'pathParameters',
  'subject',
  'access',
  'stream',
  'eventId',
] as const;

const trailRow = (item: TrailItem): unknown[] => [
  item.position,
  item.at,
  item.actor.id,
  item.actor.name,
  item.actor.agency,
  item.action,
  item.kind,
  item.caseId,
  item.personId,
  item.purpose,
  item.caseIds.join(' '),
  item.personIds.join(' '),
  item.resultCount,
  item.parameters,
  item.pathParameters,
  item.subject,
  item.access,
  item.stream,
  item.eventId,
];

@ApiTags('audit')
@ApiBearerAuth()
@RequireRoles('auditor', 'admin')
@Controller('v1/audit')
export class AuditTrailController {
  constructor(
    private readonly trail: AuditTrailQuery,
    private readonly subjectAccess: SubjectAccessService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_PROGRESS) private readonly progress: ReadModelProgress,
    @Inject(READ_AUDIT_RECORDER) private readonly recorder: ReadAuditRecorder,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('trail')
  @ApiOperation({
    summary: 'Who recorded, viewed, searched, exported and shared what, in log order (paged; CSV too)',
    description:
      '`action` is the event type for writes and `case-viewed`, `person-viewed`, `search`, `export`, `report-run` ' +
      'for reads. Complete up to the moment of the request. Pass `next` back as `cursor` for the next page: ' +
      'a page holds up to `limit` entries and stops early, with `next`, at about 512 KB.',
  })
  async list(
    @Query() query: TrailQueryParams,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    await this.upToDate();
    const page = this.trail.page({
      ...(query.personId === undefined ? {} : { personId: query.personId }),
      ...(query.caseId === undefined ? {} : { caseId: query.caseId }),
      ...(query.actor === undefined ? {} : { actor: query.actor }),
      ...(query.agency === undefined ? {} : { agency: query.agency }),
      ...(query.from === undefined ? {} : { from: query.from }),
      ...(query.to === undefined ? {} : { to: query.to }),
      ...(query.action === undefined ? {} : { actions: [...new Set(query.action.split(','))] }),
      ...(query.cursor === undefined ? {} : { after: BigInt(query.cursor) }),
      limit: query.limit ?? 100,
      budget: TRAIL_PAGE_BUDGET,
    });
    const asCsv = wantsCsv(request, query.format);
    await this.recorder.record({
      action: asCsv ? 'export' : 'search',
      principal,
      subject: 'audit-trail',
      // The person or case the trail was asked about: who pulled X's trail is in X's trail.
      ...(query.personId === undefined ? {} : { personIds: [query.personId] }),
      ...(query.caseId === undefined ? {} : { caseIds: [query.caseId] }),
      parameters: { ...query },
      resultCount: page.items.length,
      ...(typeof request.id === 'string' ? { correlationId: request.id } : {}),
    });
    if (!asCsv) return page;
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    if (page.next !== undefined) response.setHeader('X-Next-Cursor', page.next);
    return csv(TRAIL_COLUMNS, page.items.map(trailRow));
  }

  @Get('subject-access/:personId')
  @UseInterceptors(RetryAfterInterceptor)
  @ApiOperation({
    summary: 'Subject access report: everything held about a person, every read of them and every disclosure',
  })
  async subjectAccessReport(
    @Param('personId', personIdParam) personId: string,
    @Query() { redactMarac }: SubjectAccessQueryParams,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ) {
    const head = await this.upToDate();
    await this.subjectAccess.whenIndexReaches(head, this.progress, this.config.readYourWritesTimeoutMs);
    // Asking is not enough: MARAC content stays with MARAC members, so others get it redacted.
    const redact = redactsMarac(redactMarac, principal);
    const { report, caseIds } = await this.subjectAccess.reportWithCases(personId, new Date().toISOString(), redact);
    await this.recorder.record({
      action: 'export',
      principal,
      subject: 'subject-access',
      personIds: [personId],
      // The cases the report gave out, so the case's trail shows it too.
      ...(caseIds.length === 0 ? {} : { caseIds: caseIds.slice(0, MAX_IDS) }),
      parameters: { redactMarac: redact },
      resultCount: report.cases.length,
      ...(typeof request.id === 'string' ? { correlationId: request.id } : {}),
    });
    return report;
  }

  /** An audit answer must be complete up to now: wait for the read model to reach the log's head. */
  private async upToDate(): Promise<bigint> {
    const head = await this.store.headPosition();
    if (head < 0n) return head;
    if (!(await this.progress.waitUntilProcessed(head, this.config.readYourWritesTimeoutMs)))
      throw new ServiceUnavailableException('The audit trail is catching up with the log; retry shortly');
    if (!this.trail.isCurrent())
      throw new ServiceUnavailableException('The audit trail is being rebuilt in a new version; retry shortly');
    return head;
  }
}
