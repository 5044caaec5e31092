import Database from 'better-sqlite3';
import { join } from 'node:path';
import { PERSON_INDEX } from '../libs/identity/src/projections';
import { apiForSuite } from './support/api-suite';
import { maracReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

// Synthetic people only.
const victim = person({ forenames: 'Ysolde', surname: 'Treverrow', dateOfBirth: '1990-02-11', postcode: 'E5 9XQ' });

/**
 * `projections:rebuild` (or a fresh read-model file) leaves a view with no version answering
 * until it is built. Every route that needs it must say so the same way, so a client retries
 * it rather than treating it as an outage: 503, the rule `read-model-rebuilding`, and Retry-After.
 */
describe('a read model with no version answering', () => {
  const { api, client, tokens } = apiForSuite({ coordinator: COORDINATOR_ALL_PANELS });
  let personId: string;

  beforeAll(async () => {
    ({ personId } = await client.refer(tokens.coordinator, maracReferral({ person: victim })));
    // Read once so every view has the referral before one is taken away.
    await client.get('/v1/panels/MARAC/cohort', tokens.coordinator).expect(200);
    await client.personView(tokens.coordinator, personId);
  });

  /** Runs `check` while `projection` has no active version, as a rebuild from scratch leaves it. */
  async function whileRebuilt(projection: string, check: () => Promise<void>): Promise<void> {
    const db = new Database(join(api.dataDir, 'read-models.sqlite'));
    db.pragma('busy_timeout = 5000');
    const active = db.prepare('SELECT * FROM projection_active WHERE name = ?').get(projection) as
      | Record<string, unknown>
      | undefined;
    expect(active).toBeDefined();
    db.prepare('DELETE FROM projection_active WHERE name = ?').run(projection);
    try {
      await check();
    } finally {
      db.prepare(
        'INSERT INTO projection_active (name, version, switched_at) VALUES (:name, :version, :switched_at)',
      ).run(active);
      db.close();
    }
  }

  const refusedAsRebuilding = (answer: { status: number; headers: Record<string, string>; body: unknown }) => {
    expect(answer.status).toBe(503);
    expect(answer.headers['retry-after']).toBe('1');
    expect(answer.body).toMatchObject({ statusCode: 503, rule: 'read-model-rebuilding' });
    expect(JSON.stringify(answer.body)).not.toContain('Treverrow');
  };

  it('refuses the cohort tracker with the rule while the cohort is rebuilt', async () => {
    await whileRebuilt('panel_cohort', async () => {
      refusedAsRebuilding(await client.get('/v1/panels/MARAC/cohort', tokens.coordinator));
    });
    await client.get('/v1/panels/MARAC/cohort', tokens.coordinator).expect(200);
  });

  it('refuses a person view with the rule while the person index is rebuilt', async () => {
    await whileRebuilt(PERSON_INDEX, async () => {
      refusedAsRebuilding(await client.get(`/v1/people/${personId}`, tokens.coordinator));
    });
    await client.personView(tokens.coordinator, personId);
  });
});
