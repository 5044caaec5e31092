import request from 'supertest';
import { validateIdentifier } from '../../libs/identity/src/domain/identifiers';
import type { TestApi } from './test-api';

/** Synthetic people for matching tests: invented names, London-format postcodes. */
export const hollingsworth = (overrides: Record<string, unknown> = {}) => ({
  forenames: 'Robert',
  surname: 'Hollingsworth',
  dateOfBirth: '1988-07-14',
  sex: 'male',
  postcode: 'E8 3QT',
  ...overrides,
});

/** A valid PNC (its check character computed, not guessed) for a made-up serial. */
export function syntheticPnc(serial: number): string {
  const body = `1979/${String(serial).padStart(7, '0')}`;
  for (const letter of 'ABCDEFGHJKLMNPQRTUVWXYZ') {
    if (validateIdentifier('pnc', `${body}${letter}`).ok) return `${body}${letter}`;
  }
  throw new Error(`no check character for ${body}`);
}

/** A small HTTP client that remembers the last position written, for read-your-writes. */
export function peopleClient(api: TestApi) {
  let position = 0;
  const remember = (response: request.Response) => {
    if (typeof response.body?.position === 'number') position = Math.max(position, response.body.position);
    return response;
  };
  const calls = {
    get position() {
      return position;
    },
    /** `headers`: what a front-end adds, such as the `X-Correlation-Id` it traces a journey under. */
    post: async (url: string, token: string, body: unknown, headers: Readonly<Record<string, string>> = {}) =>
      remember(
        await request(api.app.getHttpServer())
          .post(url)
          .set({ ...headers, Authorization: `Bearer ${token}` })
          .send(body as object),
      ),
    get: (url: string, token: string, purpose: string | null = 'case review') => {
      const call = request(api.app.getHttpServer())
        .get(url)
        .set('Authorization', `Bearer ${token}`)
        .set('X-Min-Position', String(position));
      return purpose === null ? call : call.set('X-Purpose', purpose);
    },
  };
  return Object.assign(calls, {
    /** Makes a referral that must be accepted (201, no errors) and gives its answer. */
    refer: async (
      token: string,
      body: unknown,
      headers: Readonly<Record<string, string>> = {},
    ): Promise<ReferralMade> => {
      const made = await calls.post('/v1/referrals', token, body, headers);
      expect({ status: made.status, errors: made.body.errors }).toEqual({ status: 201, errors: undefined });
      return made.body as ReferralMade;
    },
    /** A person view the reader must be allowed (200). */
    personView: async <View = Record<string, unknown>>(token: string, personId: string): Promise<View> =>
      (await calls.get(`/v1/people/${personId}`, token).expect(200)).body as View,
    /** The research export's NDJSON records of `panels` in 2024, as an analyst downloads them once the job is done. */
    exportedRecords: async (token: string, panels: readonly string[]): Promise<Record<string, unknown>[]> => {
      const body = { panels, format: 'ndjson', from: '2024-01-01', to: '2024-12-31' };
      const { status, body: job } = await calls.post('/v1/jobs/export', token, body);
      expect(status).toBe(202);
      for (let tries = 0; tries < 400; tries += 1) {
        const answer = await calls.get(`/v1/jobs/${job.id}/files/export.ndjson`, token, null);
        if (answer.status === 200)
          return answer.text
            .split('\n')
            .filter((line) => line !== '')
            .map((line) => JSON.parse(line) as Record<string, unknown>);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error(`export ${String(job.id)} gave no file`);
    },
  });
}

export interface ReferralMade {
  readonly caseId: string;
  readonly personId: string;
  readonly perpetratorPersonId?: string;
  /** MARAC: whether the referral is a repeat. */
  readonly repeat?: boolean;
}

export type PeopleClient = ReturnType<typeof peopleClient>;

/** Forenames no matcher takes for one another, for fixtures that each need a person of their own. */
const DISTINCT_FORENAMES = [
  'Aled',
  'Bryn',
  'Cadfael',
  'Dewi',
  'Emlyn',
  'Ffion',
  'Gethin',
  'Huw',
  'Idris',
  'Jacoby',
  'Kian',
  'Llewelyn',
  'Morgan',
  'Nia',
  'Owain',
  'Pryderi',
  'Rhodri',
  'Siriol',
  'Tomos',
  'Urien',
  'Vaughan',
  'Wynfor',
  'Xenia',
  'Ynyr',
  'Zebedee',
  'Alun',
];

/**
 * The `n`th of a run of people the matcher keeps apart (names, dates of birth and postcodes all
 * differ: names that differ only in digits, or in a letter at the end, are one name to it), for
 * fixtures that each need a person of their own. `surnamePrefix` keeps one spec's people its own.
 */
export function distinctPerson(n: number, surnamePrefix: string) {
  const names = DISTINCT_FORENAMES;
  return {
    forenames: names[n % names.length] as string,
    surname: `${surnamePrefix}${names[Math.floor(n / names.length) % names.length] as string}`,
    dateOfBirth: `${1950 + (n % 40)}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`,
    postcode: `N${1 + (n % 20)} ${1 + (n % 9)}AB`,
  };
}
