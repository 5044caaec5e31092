import { Controller, Get, Inject, Logger, Param, Query, Req, StreamableFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { JsonOrCsvResponse } from '../../../platform/src/http/json-or-csv-response';
import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { Request } from 'express';
import { EVENT_STORE, type EventStore } from '../../../event-store/src/port/event-store';
import { READ_AUDIT_RECORDER, type ReadAuditRecorder } from '../../../platform/src/audit/read-audit';
import { CurrentPrincipal } from '../../../platform/src/auth/current-principal.decorator';
import type { Principal } from '../../../platform/src/auth/principal';
import { RequireRoles } from '../../../platform/src/auth/roles.decorator';
import { APP_CONFIG, type AppConfig } from '../../../platform/src/config/app-config';
import { READ_MODEL_PROGRESS, type ReadModelProgress } from '../../../platform/src/http/read-model-progress';
import { ReadsViews } from '../../../platform/src/http/reads-views';
import { uuidParam } from '../../../platform/src/http/uuid-param';
import { PERSON_INDEX } from '../../../identity/src/projections';
import { AUDIT_TRAIL_PROJECTION } from '../projections/audit-trail.projection';
import { RetryAfterInterceptor } from '../../../identity/src/http/retry-after.interceptor';
import { SubjectAccessService } from '../application/subject-access.service';
import { RefusalsAudited } from '../refused/refusals-audited';
import { AuditTrailQuery, type TrailFilter } from '../projections/audit-trail.query';
import { SubjectAccessQueryParams } from './audit-query-params';
import { trailCsv, trailCsvDisposition } from './trail-csv';
import { parseTrailCursor, trailCursor } from './trail-cursor';
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
const TRAIL_PAGE_BUDGET = 512 * 1024;

/** Entries read at a time for a CSV file (the budget may stop a page sooner). */
const CSV_PAGE = 1000;

const wantsCsv = (request: Request, format: string | undefined): boolean =>
  format === 'csv' || (format === undefined && (request.headers.accept ?? '').includes('text/csv'));

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
  @ReadsViews(AUDIT_TRAIL_PROJECTION, PERSON_INDEX)
  @JsonOrCsvResponse('A page `{ items, next? }`, or as CSV every entry the filter allows (an attachment)')
  @ApiOperation({
    summary: 'Who recorded, viewed, searched, exported and shared what, in log order (paged; CSV too)',
    description:
      '`action` is the event type for writes and `case-viewed`, `person-viewed`, `search`, `export`, `report-run` ' +
      'for reads. Complete up to the moment of the request. Pass `next` back as `cursor` for the next page: ' +
      'a page holds up to `limit` entries and stops early, with `next`, at about 512 KB. A walk of pages ends ' +
      'where its first page found the log (`next` carries that bound): entries recorded after the first page, ' +
      "the walk's own page reads among them (reading a person's or case's trail is recorded under them), are not " +
      'in it; start a new walk for them. The CSV form ' +
      '(`format=csv` or `Accept: text/csv`) is not paged: it is every entry the filter allows (after `cursor`’s ' +
      'position when given) up to the request, as an attachment whose name gives the filter; `limit` does not apply. ' +
      'Being complete, it waits (up to `READ_YOUR_WRITES_TIMEOUT_MS`) for the trail, and with `personId` the person ' +
      'index, to reach the log head, else 503 `read-your-writes-timeout`; only for those, so another view being ' +
      'rebuilt or failing does not hold it up. While the trail itself is answered by a previous version during its ' +
      'version bump (frozen, so not complete), 503 `read-model-rebuilding` at once.',
  })
  async list(
    @Query() query: TrailQueryParams,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<{ items: unknown[]; next?: string } | StreamableFile> {
    // Whom `personId` reaches is read from the person index: it must have reached the head as well.
    const head = await this.upToDate(query.personId !== undefined);
    const asCsv = wantsCsv(request, query.format);
    const cursor = query.cursor === undefined ? undefined : parseTrailCursor(query.cursor);
    // A file is everything up to the request; a walk of pages ends where its first page found the log.
    const through = asCsv ? head : (cursor?.through ?? head);
    const filter: TrailFilter = {
      ...(query.personId === undefined ? {} : { personId: query.personId }),
      ...(query.caseId === undefined ? {} : { caseId: query.caseId }),
      ...(query.actor === undefined ? {} : { actor: query.actor }),
      ...(query.agency === undefined ? {} : { agency: query.agency }),
      ...(query.from === undefined ? {} : { from: query.from }),
      ...(query.to === undefined ? {} : { to: query.to }),
      ...(query.action === undefined ? {} : { actions: [...new Set(query.action.split(','))] }),
      ...(cursor === undefined ? {} : { after: cursor.after }),
      through,
      limit: asCsv ? CSV_PAGE : (query.limit ?? 100),
      budget: TRAIL_PAGE_BUDGET,
    };
    // A HEAD of a file gets only the headers it would have, without building it (nor a length), and
    // records nothing; a HEAD of a page is recorded as its GET, since its length and ETag are the GET's.
    if (request.method === 'HEAD' && asCsv) return this.csvFile(Readable.from([]), query);
    // Read once: every page of one file is about the same ids and cases, though a merge lands while it is sent.
    const person = filter.personId === undefined ? undefined : this.trail.trailPerson(filter.personId);
    const page = this.trail.page(filter, person);
    await this.recorder.record({
      action: asCsv ? 'export' : 'search',
      principal,
      subject: 'audit-trail',
      // The person or case the trail was asked about: who pulled X's trail is in X's trail.
      ...(query.personId === undefined ? {} : { personIds: [query.personId] }),
      ...(query.caseId === undefined ? {} : { caseIds: [query.caseId] }),
      // A file is the whole range up to the head, recorded before it is sent, so how many rows it
      // will hold is not known yet; `through` says which entries it holds.
      parameters: asCsv ? { ...query, through: head.toString() } : { ...query },
      ...(asCsv ? {} : { resultCount: page.items.length }),
      ...(typeof request.id === 'string' ? { correlationId: request.id } : {}),
    });
    if (!asCsv) return page.next === undefined ? page : { ...page, next: trailCursor(page.next, through) };
    const file = this.csvFile(
      trailCsv(page, (after) => this.trail.page({ ...filter, after }, person), head),
      query,
    );
    // Headers and a 200 are sent before a later page is read: a failure then cuts the download
    // short (the client sees a broken transfer) rather than ending a file that looks whole.
    return file.setErrorHandler((error, response) => {
      new Logger('AuditTrail').error(`trail CSV cut short: ${String(error)}`);
      // Express's response, typed by Nest as the part it uses.
      (response as unknown as ServerResponse).destroy();
    });
  }

  @Get('subject-access/:personId')
  @ReadsViews(AUDIT_TRAIL_PROJECTION, PERSON_INDEX)
  // Records its own export; a refusal for want of a role is an attempt on her data, recorded as such.
  @RefusalsAudited('export', { personIdParam: 'personId', subject: 'subject-access' })
  @UseInterceptors(RetryAfterInterceptor)
  @ApiOperation({
    summary:
      'Subject access report: everything held about a person, every read of them, every disclosure (with its ' +
      'revocation and panel corrections) and every panel meeting that listed, discussed or was called off with their case',
    description:
      'One JSON answer, which grows with every read of the person. For a person read often, start a ' +
      '`subject-access` job instead (`POST /v1/jobs/subject-access` with `{ personId, redactMarac? }`): the same ' +
      'report, recorded the same way, as a downloadable file. A disclosure about a person alone that kept the ' +
      'records behind what it gave out (`personRecordIds`) is in the report of whoever holds one of those records now, ' +
      'as `GET /v1/disclosures?personId=` lists it, wherever it was recorded (made while a wrong merge joined them, ' +
      'or before records were split off), with `splitSince` and the other person’s id and records withheld for review. ' +
      'In every disclosure, the records behind its fields (`recordsBehindFields`) that are someone else’s now, and on one ' +
      'about a case the person id it was recorded under when it is someone else’s, are withheld for review too. ' +
      'So is, in a record’s earlier events, an identifier value removed from the record as recorded in error ' +
      '(`identifiersRemoved`) or replaced with another value by a correction through `person-details` (with its ' +
      '`reason`), in whatever form it was typed (`79/7912B` is `1979/0007912B`, so setting one where the other was ' +
      'held replaces nothing), its path listed in `manualReview` as third-party data; the value that replaced it is ' +
      'given out. A split’s `identifiersInError` alone withholds nothing, since it does not say which side holds ' +
      'the value in error: the removal or replacement on the wrong record through its case does. ' +
      'Complete up to the request: it waits for the trail ' +
      'and the person index to reach the log head (503 `read-your-writes-timeout` if they do not in time) and is ' +
      'refused at once with 503 `read-model-rebuilding` while either is answered by a previous version during a ' +
      'version bump; other views do not hold it up.',
  })
  async subjectAccessReport(
    @Param('personId', personIdParam) personId: string,
    @Query() { redactMarac }: SubjectAccessQueryParams,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ) {
    return this.subjectAccess.recordedReport(
      {
        personId,
        ...(redactMarac === undefined ? {} : { redactMarac }),
        principal,
        ...(typeof request.id === 'string' ? { correlationId: request.id } : {}),
      },
      { recorder: this.recorder, progress: this.progress, timeoutMs: this.config.readYourWritesTimeoutMs },
    );
  }

  private csvFile(body: Readable, query: TrailQueryParams): StreamableFile {
    return new StreamableFile(body, { type: 'text/csv; charset=utf-8', disposition: trailCsvDisposition(query) });
  }

  private upToDate(withPersonIndex: boolean): Promise<bigint> {
    return this.subjectAccess.upToDate(this.progress, this.config.readYourWritesTimeoutMs, withPersonIndex);
  }
}
