import request from 'supertest';
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { writtenAhead } from './support/dsa-written-ahead';
import { sharingUsers } from './support/sharing';
import { sharingSuite } from './support/sharing-suite';
import type { TestUser } from './support/tokens';

const { ADMIN, MARAC_C, AUDITOR } = sharingUsers('parties-ahead');
/** A Probation officer on no panel: they see a MARAC case only through what is shared with Probation. */
const PROBATION: TestUser = { sub: 'probation-parties-ahead', agency: 'Probation', roles: ['practitioner'] };
const AHEAD = '2030-01-01T00:00:00Z';

/**
 * Memberships written before changes dated ahead were refused (review s21-review-sharing2,
 * findings 1, 2 and 4). Those logs may hold a party's leaving or joining dated years ahead; the
 * specs append such events as the old code recorded them, then drive the agreement over HTTP.
 */
describe('sharing agreement parties, with memberships written ahead', () => {
  const sharing = sharingSuite({
    admin: ADMIN,
    discloser: MARAC_C,
    purpose: 'DSA parties written ahead',
    readYourWrites: true,
    users: [ADMIN, MARAC_C, AUDITOR, PROBATION],
    victim: { forenames: 'Chidinma', surname: 'Eze', dateOfBirth: '1991-03-07' },
  });
  const send = sharing.send;
  const store = () => sharing.api().app.get<symbol, EventStore>(EVENT_STORE);
  const written = (dsaId: string, type: string, data: Record<string, unknown>) =>
    writtenAhead(store(), dsaId, type, data);
  const share = (dsaId: string, toAgency: string) => sharing.share(sharing.caseId(), dsaId, { toAgency });
  const answer = (r: request.Response) => [r.status, r.body.rule ?? null];
  const agreement = async (dsaId: string) =>
    (await send(AUDITOR, 'get', `/v1/sharing-agreements/${dsaId}`)).body as {
      parties: string[];
      memberships: { agency: string; joinedAt: string; leftAt: string | null }[];
    };
  const add = (dsaId: string, body: Record<string, unknown>) =>
    send(ADMIN, 'post', `/v1/sharing-agreements/${dsaId}/parties`, body);
  const remove = (dsaId: string, body: Record<string, unknown>) =>
    send(ADMIN, 'post', `/v1/sharing-agreements/${dsaId}/parties/remove`, { reason: 'Left the partnership', ...body });
  const caseView = async () => (await send(PROBATION, 'get', `/v1/cases/${sharing.caseId()}`)).status;

  it('removes, for good, a party whose leaving was written ahead and who was then added back', async () => {
    const dsaId = await sharing.signed(['Metropolitan Police', 'Haringey Council', 'Probation', 'Camden Council']);
    await written(dsaId, 'dsa-party-removed', { agency: 'Probation', reason: 'typo for 2026', occurredAt: AHEAD });
    await written(dsaId, 'dsa-party-added', { agency: 'Probation', occurredAt: new Date().toISOString() });
    const listedBefore = (await agreement(dsaId)).parties;
    const earlier = await share(dsaId, 'Probation');
    expect([earlier.status, await caseView()]).toEqual([201, 200]);

    const leftAt = new Date().toISOString();
    const after = {
      listedBefore,
      removed: answer(await remove(dsaId, { agency: 'Probation', occurredAt: leftAt })),
      share: answer(await share(dsaId, 'Probation')),
      again: answer(await remove(dsaId, { agency: 'Probation' })),
      caseView: await caseView(),
    };
    expect(after).toEqual({
      listedBefore: ['Metropolitan Police', 'Haringey Council', 'Probation', 'Camden Council'],
      removed: [200, null],
      share: [422, 'dsa-includes-both-parties'],
      again: [409, 'party-on-dsa'],
      caseView: 404,
    });
    const entry = await send(AUDITOR, 'get', `/v1/disclosures/${earlier.body.disclosureId as string}`);
    expect(entry.body).toMatchObject({ open: false, closedBy: 'recipient-left-dsa' });
    const now = await agreement(dsaId);
    expect(now.parties).toEqual(['Metropolitan Police', 'Haringey Council', 'Camden Council']);
    // Every spell of Probation's ends with the removal, the one written ahead as well.
    expect(now.memberships.filter((m) => m.agency === 'Probation').map((m) => m.leftAt)).toEqual([leftAt, leftAt]);
  });

  it('lists a party added ahead only once its joining comes, and lets it be added now', async () => {
    const dsaId = await sharing.signed(['Metropolitan Police', 'Haringey Council']);
    await written(dsaId, 'dsa-party-added', { agency: 'Camden Council', occurredAt: '2030-11-25T10:00:00Z' });
    const listedBefore = (await agreement(dsaId)).parties;
    const shareBefore = answer(await share(dsaId, 'Camden Council'));
    const joinedAt = new Date().toISOString();
    const added = answer(await add(dsaId, { agency: 'Camden Council', occurredAt: joinedAt }));
    expect({ listedBefore, shareBefore, added, shareAfter: answer(await share(dsaId, 'Camden Council')) }).toEqual({
      listedBefore: ['Metropolitan Police', 'Haringey Council'],
      shareBefore: [422, 'dsa-includes-both-parties'],
      added: [200, null],
      shareAfter: [201, null],
    });
    const now = await agreement(dsaId);
    expect(now.parties).toEqual(['Metropolitan Police', 'Haringey Council', 'Camden Council']);
    // The joining made now stands in for the one written ahead, so a later removal ends it for good.
    expect(now.memberships.filter((m) => m.agency === 'Camden Council')).toEqual([
      { agency: 'Camden Council', joinedAt, leftAt: null },
    ]);
  });

  it('refuses a removal dated before the party joined, and writes nothing', async () => {
    const dsaId = await sharing.signed(['Metropolitan Police', 'Haringey Council', 'Probation']);
    expect((await add(dsaId, { agency: 'Camden Council', occurredAt: '2025-06-01T10:00:00Z' })).status).toBe(200);
    const before = await agreement(dsaId);
    const early = await remove(dsaId, { agency: 'Camden Council', occurredAt: '2025-03-01T10:00:00Z' });
    expect({
      status: early.status,
      errors: ((early.body.errors ?? []) as { field: string; rule: string }[]).map((e) => `${e.field}:${e.rule}`),
    }).toEqual({ status: 400, errors: ['occurredAt:dsa-party-removed-after-joining'] });
    expect(await agreement(dsaId)).toEqual(before);
    expect((await remove(dsaId, { agency: 'Camden Council', occurredAt: '2025-06-01T10:00:00Z' })).status).toBe(200);
  });
});
