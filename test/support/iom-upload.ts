import request from 'supertest';
import type { TestApi } from './test-api';

/** A file the upload wrote (rows.csv, new.csv, expired.csv, bad-rows.csv) and where to download it. */
export interface UploadFile {
  readonly name: string;
  readonly href: string;
}

/** An IOM upload's job once it has completed, as `GET /v1/jobs/{id}` answers it. */
export interface IomUploadJob {
  readonly id: string;
  readonly state: 'completed';
  /** Who ran it: null when the api ran it itself (embedded), the BullMQ worker's name otherwise. */
  readonly worker: string | null;
  readonly result: { readonly summary: Readonly<Record<string, unknown>>; readonly files: readonly UploadFile[] };
}

/** Longer than any one upload of a spec takes on a loaded machine; the import runs behind the 202. */
const COMPLETES_WITHIN_MS = 30_000;

/**
 * A month's probation CSV uploaded by `token` (`POST /v1/jobs/iom-import?month=`), once its job has
 * completed: the set-up of a spec that reads what the import did. The job is polled as the
 * front-end polls it; one that fails, is cancelled or is still running after 30 s fails the spec,
 * naming its state and error. `headers`: what a front-end adds to the upload, such as the
 * `X-Correlation-Id` it traces a journey under.
 */
export async function uploadedToIom(
  api: TestApi,
  token: string,
  month: string,
  csv: string,
  headers: Readonly<Record<string, string>> = {},
): Promise<IomUploadJob> {
  const http = () => request(api.app.getHttpServer());
  const started = await http()
    .post(`/v1/jobs/iom-import?month=${month}`)
    .set({ ...headers, Authorization: `Bearer ${token}`, 'Content-Type': 'text/csv' })
    .send(csv);
  expect({ status: started.status, body: started.body }).toMatchObject({ status: 202 });
  const id = started.body.id as string;
  for (const until = Date.now() + COMPLETES_WITHIN_MS; ; await new Promise((r) => setTimeout(r, 25))) {
    const job = (await http().get(`/v1/jobs/${id}`).set('Authorization', `Bearer ${token}`)).body;
    if (job.state === 'completed') return job as IomUploadJob;
    if (['failed', 'cancelled'].includes(job.state) || Date.now() > until)
      throw new Error(`IOM upload of ${month}: job ${id} ${String(job.state)} (error: ${String(job.error)})`);
  }
}
