/**
 * Reading a person's trail is recorded under that person, so a client paging it one entry at a
 * time "until there is no `next`" found each page's own read as the next entry and never stopped,
 * adding an entry with every page. A walk ends where its first page found the log. Synthetic
 * people and staff only.
 */
import request from 'supertest';
import { maracReferral, person } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';

interface Entry {
  readonly position: string;
  readonly action: string;
  readonly actor: { readonly id: string };
}

describe('paging a person’s trail', () => {
  let api: TestApi;
  afterAll(async () => {
    await api.close();
  });

  it('ends with limit=1, listing what one large page listed and that page’s own read, none of its own', async () => {
    api = await startTestApi();
    const server = api.app.getHttpServer();
    const coordinator = await tokenFor(COORDINATOR_ALL_PANELS);
    const auditor = await tokenFor({ sub: 'auditor-paging', agency: 'ICO liaison', roles: ['auditor'] });
    const referred = await request(server)
      .post('/v1/referrals')
      .set('Authorization', `Bearer ${coordinator}`)
      .send(maracReferral({ person: person({ forenames: 'Tamsin', surname: 'Pagewell' }) }))
      .expect(201);
    const personId = referred.body.personId as string;
    for (let i = 0; i < 2; i++)
      await request(server)
        .get(`/v1/cases/${referred.body.caseId as string}`)
        .set('Authorization', `Bearer ${coordinator}`)
        .set('X-Purpose', 'preparing the MARAC')
        .expect(200);
    const trail = (query: string) =>
      request(server).get(`/v1/audit/trail?personId=${personId}&${query}`).set('Authorization', `Bearer ${auditor}`);

    const whole = await trail('limit=500').expect(200);
    expect(whole.body.next).toBeUndefined();
    const listed = (whole.body.items as Entry[]).map((e) => e.position);
    expect(listed.length).toBeGreaterThan(3);

    const walked: Entry[] = [];
    let cursor: string | undefined;
    let pages = 0;
    // Bounded so that a walk that never ends fails rather than hangs: it has a page per entry, and one to spare.
    do {
      const page = await trail(`limit=1${cursor === undefined ? '' : `&cursor=${cursor}`}`).expect(200);
      walked.push(...(page.body.items as Entry[]));
      cursor = page.body.next as string | undefined;
      pages++;
    } while (cursor !== undefined && pages <= listed.length + 2);

    expect(cursor).toBeUndefined();
    // The large page's read was recorded before the walk began; the walk's own page reads came after.
    expect(walked.map((e) => e.position).slice(0, listed.length)).toEqual(listed);
    expect(walked.slice(listed.length).map((e) => [e.action, e.actor.id])).toEqual([['search', 'auditor-paging']]);
  }, 60_000);
});
