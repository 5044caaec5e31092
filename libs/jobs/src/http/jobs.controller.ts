import {
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpException,
  Inject,
  Logger,
  Param,
  Post,
  Query,
  Req,
  ServiceUnavailableException,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { conflict, forbidden, invalid, notFound, Rejection } from '../../../command-handling/src/rejections';
import { READ_AUDIT_RECORDER, type ReadAuditRecorder } from '../../../platform/src/audit/read-audit';
import { REFUSED_READS, type RefusedReads } from '../../../platform/src/audit/refused-reads';
import { CurrentPrincipal } from '../../../platform/src/auth/current-principal.decorator';
import type { Principal } from '../../../platform/src/auth/principal';
import { refuseNullCharacters } from '../../../platform/src/http/validation.pipe';
import { jobInputDigest } from '../deterministic-event-id';
import { JobKindRegistry } from '../job-kind-registry';
import type { JobFile, JobKind, JobRequest } from '../job-kind';
import { JOB_QUEUE, type JobQueue } from '../job-queue';
import type { JobView } from '../job-view';
import { requireFileReaderOfKind, requirePanelsOfFile } from './job-file-access';
import { recordFileDownload } from './job-file-download-audit';
import { recordRefusedDownload, recordRefusedStart } from './job-refusals';
import { jobResponse, startedResponse } from './job-response';
import { ReadsViews } from '../../../platform/src/http/reads-views';

type RawQuery = Record<string, string | string[] | undefined>;

const firstValues = (query: RawQuery): Record<string, string | undefined> =>
  Object.fromEntries(Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));

/** `?personId=a&personId=b` asks two things of a job that takes one: refused, never cut to the first. */
function refuseRepeatedValues(query: RawQuery): void {
  for (const [name, value] of Object.entries(query)) {
    if (Array.isArray(value)) throw invalid(name, 'single-value', `${name} may be given once`);
  }
}

/**
 * A job is read, downloaded and cancelled by whoever started it while they still hold a role its
 * kind needs (one who has lost it may no longer run the route the job stands in for, so may not
 * read its result either), or by an admin. Anyone else gets the same 404 as for an id that does not
 * exist, so job ids reveal nothing. A kind may keep its files from admins, and a file from readers
 * off its panels (job-file-access).
 */
function mayAccess(principal: Principal, job: JobView, kind: JobKind | undefined): boolean {
  if (principal.roles.includes('admin')) return true;
  return job.ownerId === principal.id && (kind?.roles.some((role) => principal.roles.includes(role)) ?? true);
}

/** The kind's input, and no null character anywhere: a request failing either is a 400 for anyone. */
function parsedInput(kind: JobKind, asked: JobRequest, request: Request, principal: Principal): unknown {
  const input = kind.parseInput(asked, principal);
  // Checked after the kind has read its input, so its own 403s and 400s keep their precedence.
  refuseNullCharacters(request.body, 'body');
  refuseNullCharacters(request.query, 'query');
  refuseRepeatedValues(request.query as RawQuery);
  return input;
}

const MAX_ID_LENGTH = 100;

/** The queue being unreachable (Redis down) is ours, and temporary: 503, never a bare 500. */
async function reachQueue<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof Rejection || error instanceof HttpException) throw error;
    new Logger('Jobs').error(`job queue unavailable: ${error instanceof Error ? error.message : String(error)}`);
    throw new ServiceUnavailableException('the job queue is unavailable; try again shortly');
  }
}

@ApiTags('jobs')
@ApiBearerAuth()
@Controller('v1/jobs')
export class JobsController {
  constructor(
    private readonly registry: JobKindRegistry,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(READ_AUDIT_RECORDER) private readonly recorder: ReadAuditRecorder,
    @Inject(REFUSED_READS) private readonly refusals: RefusedReads,
  ) {}

  @Post(':kind')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Start a job of a kind (202 with its id; poll GET /v1/jobs/{id})',
    description:
      'JSON body, or text/csv / text/plain for kinds that take an upload (up to JOB_UPLOAD_LIMIT). 404 unknown kind, 403 role not allowed for the kind, 400 naming the bad field.',
  })
  async start(@Param('kind') kindName: string, @Req() request: Request, @CurrentPrincipal() principal: Principal) {
    const kind = this.registry.get(kindName);
    if (kind === undefined) throw notFound('job-kind-exists', `no job kind "${kindName}"`);
    const contentType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
    const asked = {
      body: request.body as unknown,
      query: firstValues(request.query as RawQuery),
      ...(contentType === undefined || contentType === '' ? {} : { contentType }),
    };
    if (!kind.roles.some((role) => principal.roles.includes(role))) {
      const refusal = forbidden(
        'job-kind-role',
        `jobs of kind "${kindName}" need one of the roles: ${kind.roles.join(', ')}`,
      );
      await recordRefusedStart(
        this.refusals,
        kind,
        () => parsedInput(kind, asked, request, principal),
        request,
        principal,
        refusal,
      );
      throw refusal;
    }
    const input = parsedInput(kind, asked, request, principal);
    const requestId = (request as Request & { id?: unknown }).id;
    const exclusiveKey = kind.exclusiveKey?.(input);
    const aboutPersonIds = kind.aboutPersonIds?.(input);
    const job = await reachQueue(() =>
      this.queue.enqueue({
        kind: kind.kind,
        input,
        principal,
        correlationId: typeof requestId === 'string' ? requestId : randomUUID(),
        inputDigest: jobInputDigest(kind.kind, input),
        ...(exclusiveKey === undefined ? {} : { exclusiveKey: `${kind.kind}:${exclusiveKey}` }),
        ...(aboutPersonIds === undefined ? {} : { aboutPersonIds }),
      }),
    );
    return startedResponse(job);
  }

  @Get()
  @ReadsViews()
  @ApiOperation({ summary: "The caller's jobs, newest first (?kind= to filter)" })
  async list(@Query('kind') kind: string | undefined, @CurrentPrincipal() principal: Principal) {
    const jobs = await reachQueue(() =>
      this.queue.listOwnedBy(principal.id, typeof kind === 'string' && kind !== '' ? kind : undefined),
    );
    return { items: jobs.filter((job) => mayAccess(principal, job, this.registry.get(job.kind))).map(jobResponse) };
  }

  @Get(':id')
  @ReadsViews()
  @ApiOperation({ summary: "A job's state, progress (done/total, percent, ETA), result or error" })
  async view(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return jobResponse(await this.accessible(id, principal));
  }

  @Get(':id/files/:name')
  @ReadsViews()
  @ApiOperation({
    summary: 'Download a file a completed job left, with its content type (audited as an export)',
    description:
      "403 `job-files-starter-only` for anyone but the starter when the kind keeps its files to them (subject-access), 403 `job-file-panel-member` when the file holds a panel's content in full and the reader does not sit on that panel now. Each download is an `export` read naming the job and file, the rows handed over and every person and case id the file lists (`person_id`, `case_id` columns), or the people a file says it is about (a subject access report names its subject only). A refused download of an existing job's file is recorded as `access-refused` under the people its files are about. A HEAD is recorded as its GET: its `Content-Length` tells the file's size.",
  })
  async download(
    @Param('id') id: string,
    @Param('name') name: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<StreamableFile> {
    const file = await this.downloadable(id, name, principal).catch(async (error: unknown) => {
      // A refused download is an attempted read of what the file holds, recorded as a refused view is.
      if (id.length <= MAX_ID_LENGTH)
        await recordRefusedDownload(
          this.refusals,
          this.queue,
          (name) => this.registry.get(name),
          request,
          principal,
          id,
          error,
        );
      throw error;
    });
    // Files hold what the job read (exports, the people and cases of an import): each download is
    // a read of its own, recorded before it is sent. A HEAD is recorded as its GET: its
    // Content-Length tells the file's size.
    await recordFileDownload(this.recorder, request, principal, id, file);
    // Headers travel with the body, so a refused audit entry (503) sends no attachment headers.
    return new StreamableFile(Buffer.from(file.content, 'utf8'), {
      type: file.contentType,
      disposition: `attachment; filename="${file.name.replace(/[^\w.-]/g, '_')}"`,
    });
  }

  @Delete(':id')
  @ApiOperation({
    summary: 'Cancel a job: a queued job never runs; a running one stops at its next safe point',
  })
  async cancel(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    const current = await this.accessible(id, principal);
    if (current.state === 'completed' || current.state === 'failed') {
      throw conflict('job-not-finished', `job ${id} has already ${current.state}; there is nothing to cancel`);
    }
    const job = await reachQueue(() => this.queue.cancel(id));
    if (job === undefined) throw notFound('job-exists', `no job ${id}`);
    return jobResponse(job);
  }

  private async downloadable(id: string, name: string, principal: Principal): Promise<JobFile> {
    const job = await this.accessible(id, principal);
    requireFileReaderOfKind(this.registry.get(job.kind), job, principal);
    // Only a completed job has files: one a run kept before it died, or before what must follow
    // them failed, is no result (BullMQ keeps it until it expires; the embedded queue drops it).
    if (job.state !== 'completed') {
      throw notFound(
        'job-file-exists',
        `job ${id} has no file "${name}": only a completed job has files, and it is ${job.state}`,
      );
    }
    const file = await reachQueue(() => this.queue.file(id, name));
    if (file === undefined) throw notFound('job-file-exists', `job ${id} has no file "${name}"`);
    requirePanelsOfFile(file, principal);
    return file;
  }

  private async accessible(id: string, principal: Principal): Promise<JobView> {
    if (id.length > MAX_ID_LENGTH) throw notFound('job-exists', 'no such job');
    const job = await reachQueue(() => this.queue.find(id));
    if (job === undefined || !mayAccess(principal, job, this.registry.get(job.kind))) {
      throw notFound('job-exists', `no job ${id}`);
    }
    return job;
  }
}
