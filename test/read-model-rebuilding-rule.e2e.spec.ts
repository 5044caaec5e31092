import Database from 'better-sqlite3';
import { join } from 'node:path';
import request from 'supertest';
import type { EventStore } from '../libs/event-store/src/port/event-store';
import { SqliteEventStore } from '../libs/event-store/src/sqlite/sqlite-event-store';
import { PERSON_INDEX } from '../libs/identity/src/projections';
import { rebuildReadModels } from '../libs/read-models/src/rebuild-command';
import { registeredProjections } from '../libs/read-models/src/registered-projections';
import { apiForSuite } from './support/api-suite';
import { maracReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

// Synthetic people only.
const victim = person({ forenames: 'Ysolde', surname: 'Treverrow', dateOfBirth: '1990-02-11', postcode: 'E5 9XQ' });

/**
 * `projections:rebuild --force` under the running service (or a fresh read-model file) leaves a
 * view with no version answering until it is built again. Every route that needs it must say so
 * the same way, so a client retries it rather than treating it as an outage, or as the whole
 * truth: 503, the rule `read-model-rebuilding`, and Retry-After.
 */
describe('a read model with no version answering', () => {
  const { api, client, tokens } = apiForSuite({ coordinator: COORDINATOR_ALL_PANELS });
  let personId: string;

  beforeAll(async () => {
    ({ personId } = await client.refer(tokens.coordinator, maracReferral({ person: victim })));
    // Read once so every view has the referral before one is rebuilt.
    await client.get('/v1/panels/MARAC/cohort', tokens.coordinator).expect(200);
    await client.personView(tokens.coordinator, personId);
  });

  /**
   * Runs `check` while `npm run projections:rebuild -- <projection> --force` is part-way: it has
   * dropped the view and is held before its first page of the log.
   */
  async function whileRebuilt(projection: string, check: () => Promise<void>): Promise<void> {
    const log = new SqliteEventStore({ filename: SqliteEventStore.fileIn(api.dataDir) });
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let reached = (): void => undefined;
    const atFirstPage = new Promise<void>((resolve) => (reached = resolve));
    const heldLog = new Proxy(log, {
      get(target, key) {
        if (key === 'readAll') {
          return async (...args: Parameters<EventStore['readAll']>) => {
            reached();
            await held;
            return target.readAll(...args);
          };
        }
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const rebuild = rebuildReadModels({
      store: heldLog,
      dataDir: api.dataDir,
      projections: registeredProjections,
      name: projection,
      force: true,
    });
    try {
      await Promise.race([atFirstPage, rebuild]);
      expect(activeVersionOf(projection)).toBeUndefined();
      await check();
    } finally {
      release();
      await rebuild;
      await log.close();
    }
  }

  function activeVersionOf(projection: string): unknown {
    const db = new Database(join(api.dataDir, 'read-models.sqlite'), { readonly: true });
    try {
      return db.prepare('SELECT version FROM projection_active WHERE name = ?').pluck().get(projection);
    } finally {
      db.close();
    }
  }

  /** A read as a client makes it without X-Min-Position. */
  const read = (url: string) =>
    request(api.app.getHttpServer())
      .get(url)
      .set('Authorization', `Bearer ${tokens.coordinator}`)
      .set('X-Purpose', 'case review');

  const refusedAsRebuilding = (answer: { status: number; headers: Record<string, string>; body: unknown }) => {
    expect(answer.status).toBe(503);
    expect(answer.headers['retry-after']).toBe('1');
    expect(answer.body).toMatchObject({ statusCode: 503, rule: 'read-model-rebuilding' });
    expect(JSON.stringify(answer.body)).not.toContain('Treverrow');
  };

  it('refuses the cohort tracker with the rule while the cohort is rebuilt', async () => {
    await whileRebuilt('panel_cohort', async () => {
      refusedAsRebuilding(await read('/v1/panels/MARAC/cohort'));
      // Meanwhile the running service notices the reset and builds the view too: a read with
      // X-Min-Position waits for it and gets it whole.
      const waited = await client.get('/v1/panels/MARAC/cohort', tokens.coordinator).expect(200);
      expect(JSON.stringify(waited.body)).toContain(personId);
    });
    await client.get('/v1/panels/MARAC/cohort', tokens.coordinator).expect(200);
  });

  it('refuses a person view with the rule while the person index is rebuilt', async () => {
    await whileRebuilt(PERSON_INDEX, async () => {
      refusedAsRebuilding(await read(`/v1/people/${personId}`));
    });
    await client.personView(tokens.coordinator, personId);
  });
});
