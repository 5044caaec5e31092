import { Inject, Injectable, Module } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { invalid, ruleRefused } from '../../../command-handling/src/rejections';
import { EVENT_STORE, type EventStore } from '../../../event-store/src/port/event-store';
import { toActor, type Principal } from '../../../platform/src/auth/principal';
import { JobKindProvider, type JobKind, type JobRequest, type JobResult, type JobRunContext } from '../job-kind';

export interface AppendInput {
  readonly runKey: string;
  readonly events: number;
  readonly delayMs: number;
  /** Simulates a crash: the first attempt throws after appending this many events. */
  readonly failFirstAttemptAfter: number | null;
  /** `crash`: every attempt throws after the first event; `rejection`: a Rejection (never retried). */
  readonly failWith: 'crash' | 'rejection' | null;
  /** Jobs with the same lane run one at a time (the exclusive key). */
  readonly lane: string | null;
  /** Simulates a starved worker: each run first holds the event loop this long (no lease renewal meanwhile). */
  readonly stallMs: number;
  /** A slow cancellation hook: it waits this long before recording the cancellation. */
  readonly cancelHookMs: number;
}

/** The index a `test-append` job writes when told it was cancelled while waiting to run again. */
export const CANCELLATION_INDEX = -1;

export const testStream = (runKey: string): string => `jobtest-${runKey}`;

/** Appends `events` events one by one, each with an id from `eventIdFor`: the retry test subject. */
@Injectable()
@JobKindProvider()
export class TestAppendJobKind implements JobKind<AppendInput> {
  readonly kind = 'test-append';
  readonly summary = 'Test only: appends numbered events slowly';
  readonly roles = ['analyst', 'admin'] as const;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  parseInput({ body }: JobRequest, _principal: Principal): AppendInput {
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    if (typeof b.runKey !== 'string' || !/^[a-z0-9-]{1,40}$/.test(b.runKey)) {
      throw invalid('runKey', 'run-key-format', 'runKey must be 1–40 lowercase letters, digits or hyphens');
    }
    if (typeof b.events !== 'number' || !Number.isInteger(b.events) || b.events < 1 || b.events > 1000) {
      throw invalid('events', 'integer-1-1000', 'events must be an integer from 1 to 1000');
    }
    const delayMs = typeof b.delayMs === 'number' ? b.delayMs : 0;
    const fail = typeof b.failFirstAttemptAfter === 'number' ? b.failFirstAttemptAfter : null;
    const failWith = b.failWith === 'crash' || b.failWith === 'rejection' ? b.failWith : null;
    const lane = typeof b.lane === 'string' ? b.lane : null;
    const stallMs = typeof b.stallMs === 'number' ? b.stallMs : 0;
    const cancelHookMs = typeof b.cancelHookMs === 'number' ? b.cancelHookMs : 0;
    return {
      runKey: b.runKey,
      events: b.events,
      delayMs,
      failFirstAttemptAfter: fail,
      failWith,
      lane,
      stallMs,
      cancelHookMs,
    };
  }

  exclusiveKey(input: AppendInput): string | undefined {
    return input.lane ?? undefined;
  }

  async run(input: AppendInput, context: JobRunContext): Promise<JobResult> {
    for (const until = Date.now() + input.stallMs; Date.now() < until; );
    for (let i = 0; i < input.events; i++) {
      context.signal.throwIfAborted();
      await this.append(input.runKey, i, context);
      await context.progress(i + 1, input.events, 'events');
      if (context.attempt === 1 && input.failFirstAttemptAfter === i + 1) throw new Error('simulated crash');
      if (input.failWith === 'crash') throw new Error(`simulated crash on attempt ${context.attempt}`);
      if (input.failWith === 'rejection') throw ruleRefused('test-rule', 'refused by a rule');
      if (input.delayMs > 0) await sleep(input.delayMs, undefined, { signal: context.signal }).catch(() => undefined);
    }
    return {
      summary: { appended: input.events, attempt: context.attempt },
      files: [{ name: 'done.txt', contentType: 'text/plain; charset=utf-8', content: `appended ${input.events}\n` }],
    };
  }

  readonly cancelledWhileWaiting: NonNullable<JobKind<AppendInput>['cancelledWhileWaiting']> = async (
    input,
    context,
  ) => {
    if (input.cancelHookMs > 0) await sleep(input.cancelHookMs);
    await this.append(input.runKey, CANCELLATION_INDEX, context);
  };

  private async append(
    runKey: string,
    index: number,
    context: Pick<JobRunContext, 'principal' | 'correlationId' | 'eventIdFor'>,
  ): Promise<void> {
    await this.store.append(
      testStream(runKey),
      [
        {
          id: context.eventIdFor(`event-${index}`),
          type: 'test-event-appended',
          data: { index },
          metadata: {
            actor: toActor(context.principal),
            correlationId: context.correlationId,
            causationId: context.correlationId,
            occurredAt: '2024-01-01T00:00:00.000Z',
            recordedAt: new Date().toISOString(),
            schemaVersion: 1,
          },
        },
      ],
      { expected: 'any' },
    );
  }
}

export interface UploadInput {
  readonly month: string;
  readonly text: string;
  readonly contentType: string;
}

/** Echoes an upload: shows how a CSV body and `?month=` reach a kind. */
@Injectable()
@JobKindProvider()
export class TestUploadJobKind implements JobKind<UploadInput> {
  readonly kind = 'test-upload';
  readonly summary = 'Test only: counts the lines of a text/csv upload';
  readonly roles = ['coordinator', 'admin'] as const;

  parseInput({ body, query, contentType }: JobRequest): UploadInput {
    if (contentType !== 'text/csv' || typeof body !== 'string') {
      throw invalid('body', 'text-csv-required', 'send the file as Content-Type: text/csv');
    }
    const month = query.month ?? '';
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw invalid('month', 'year-month', 'month must be YYYY-MM');
    return { month, text: body, contentType };
  }

  async run(input: UploadInput): Promise<JobResult> {
    const lines = input.text.split(/\r?\n/).filter((l) => l !== '');
    return { summary: { month: input.month, lines: lines.length, bytes: Buffer.byteLength(input.text) } };
  }
}

/** Leaves the uploaded CSV as its file `listing.csv`: a download whose rows the test chooses. */
@Injectable()
@JobKindProvider()
export class TestListingJobKind implements JobKind<{ readonly text: string }> {
  readonly kind = 'test-listing';
  readonly summary = 'Test only: leaves a text/csv upload as the file listing.csv';
  readonly roles = ['coordinator', 'admin'] as const;

  parseInput({ body, contentType }: JobRequest): { readonly text: string } {
    if (contentType !== 'text/csv' || typeof body !== 'string') {
      throw invalid('body', 'text-csv-required', 'send the file as Content-Type: text/csv');
    }
    return { text: body };
  }

  async run(input: { readonly text: string }): Promise<JobResult> {
    return {
      summary: { bytes: Buffer.byteLength(input.text) },
      files: [{ name: 'listing.csv', contentType: 'text/csv; charset=utf-8', content: input.text }],
    };
  }
}

@Module({ providers: [TestAppendJobKind, TestUploadJobKind, TestListingJobKind] })
export class TestJobKindsModule {}
