import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_PANEL_REGISTRY } from '../../../case-lifecycle/src/domain/panel-registry';
import { SqliteEventStore } from '../../../event-store/src/sqlite/sqlite-event-store';
import { someEvents } from '../../../event-store/src/testing/event-fixtures';
import { GappedPositionStore } from '../../../event-store/src/testing/gapped-position-store';
import { UPLOAD_COORDINATOR } from '../../../cohort-import/src/testing/upload-coordinator';
import type { JobRunContext } from '../../../jobs/src/job-kind';
import type { AppConfig } from '../../../platform/src/config/app-config';
import { PseudonymisedExportJob } from './export.job-kind';

describe('PseudonymisedExportJob progress', () => {
  let dir: string;
  let store: GappedPositionStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'export-progress-'));
    store = new GappedPositionStore(new SqliteEventStore({ filename: join(dir, 'events.sqlite'), synchronous: 'OFF' }));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts events read against the events in the log, on a log whose positions have gaps', async () => {
    for (let i = 0; i < 4; i++) await store.append(`case-${i}`, someEvents(3), { expected: 'no-stream' });
    const progress: [number, number | undefined][] = [];
    const context = {
      jobId: 'job-1',
      principal: UPLOAD_COORDINATOR,
      correlationId: 'job-1',
      attempt: 1,
      signal: new AbortController().signal,
      progress: async (done: number, total: number | undefined) => void progress.push([done, total]),
    } as unknown as JobRunContext;
    const job = new PseudonymisedExportJob(store, {} as AppConfig, DEFAULT_PANEL_REGISTRY, {
      record: async () => undefined,
    });
    const input = {
      from: '2020-01-01',
      to: '2030-01-01',
      panels: ['MARAC'],
      format: 'ndjson' as const,
      coarsenDatesToMonth: false,
      linkablePseudonyms: false,
    };
    const result = await job.run(input, context);
    expect(progress.at(-1)).toEqual([12, 12]);
    expect(result.summary).toMatchObject({ eventsRead: 12 });
  });
});
