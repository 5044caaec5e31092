import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { apiForSuite } from './support/api-suite';
import { referredToMarac } from './support/marac';
import { syntheticPnc } from './support/people';
import { iomReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

interface Answer {
  status: number;
  body: { rule?: string; message?: string; errors?: { field: string; rule: string }[]; events?: string[] };
}

/**
 * A MARAC victim's first referral carried no PNC ID; her repeat referral carried her sister's,
 * typed in error, and was linked to her. Her first referral registered her, so every details write
 * through either MARAC case went to the registration, which holds no PNC ID: the number could be
 * neither removed nor corrected, and her sister's IOM referral carrying it was linked to her. An
 * identifier is now corrected on the record the case's own referral brought in. Synthetic people,
 * staff and addresses throughout.
 */
describe('removing an identifier a repeat referral brought in', () => {
  const { api, client, tokens } = apiForSuite({
    all: { ...COORDINATOR_ALL_PANELS, panels: ['IOM', 'MARAC', 'ALLIANCE', 'MAPPA'] },
    marac: { sub: 'marac-coordinator-repeat-pnc', roles: ['coordinator'], panels: ['MARAC'] },
    admin: { sub: 'admin-repeat-pnc', roles: ['admin'], panels: [] },
  });
  const store = () => api.app.get<symbol, EventStore>(EVENT_STORE);
  const correct = async (caseId: string, body: Record<string, unknown>): Promise<Answer> =>
    (await client.post(`/v1/cases/${caseId}/person-details`, tokens.marac, body)) as Answer;
  const pncsOf = async (personId: string) =>
    (await client.personView<{ identifiers: { pnc?: string[] } }>(tokens.admin, personId)).identifiers.pnc;
  const referredTwice = async (
    names: { forenames: string; surname: string; dateOfBirth: string; postcode: string },
    sisters: string,
  ) => {
    const victim = person({
      ...names,
      sex: 'female',
      identifiers: undefined,
    });
    const first = await referredToMarac(client, tokens.all, victim, '2024-01-10T10:00:00Z');
    const repeat = await referredToMarac(
      client,
      tokens.all,
      { ...victim, identifiers: { pnc: sisters } },
      '2024-04-10T10:00:00Z',
    );
    expect(repeat.personId).toBe(first.personId);
    expect(await pncsOf(first.personId)).toEqual([sisters]);
    return { first, repeat };
  };

  it('is removed through the repeat case, and her sister’s IOM referral is no longer linked to her', async () => {
    const sisters = syntheticPnc(9101);
    const { first, repeat } = await referredTwice(
      { forenames: 'Demelza', surname: 'Carthew', dateOfBirth: '1988-04-04', postcode: 'N16 7UX' },
      sisters,
    );

    // Through the first case: its record (the registration) never held it. Before, this advice led
    // back to the same case; now it names where the value is.
    const head = await store().headPosition();
    const refused = await correct(first.caseId, { identifiers: { pnc: null }, reason: 'Her sister’s PNC ID' });
    expect({ status: refused.status, rule: refused.body.rule, errors: refused.body.errors }).toEqual({
      status: 409,
      rule: 'identifier-not-on-record',
      errors: [expect.objectContaining({ field: 'identifiers.pnc', rule: 'identifier-not-on-record' })],
    });
    expect(refused.body.message).toContain('on a record another referral brought in');
    expect(refused.body.message).toContain("through that referral's case");
    expect(JSON.stringify(refused.body)).not.toContain(sisters);
    expect(await store().headPosition()).toBe(head);

    // Through the case whose referral brought it: removed. Before, 409 identifier-not-on-record.
    const removed = await correct(repeat.caseId, { identifiers: { pnc: null }, reason: 'Her sister’s PNC ID' });
    expect({ status: removed.status, events: removed.body.events }).toEqual({
      status: 200,
      events: ['person-record-details-recorded'],
    });
    expect(await pncsOf(first.personId)).toBeUndefined();

    // Her sister: another forename and birthday, the same surname and postcode, that PNC ID.
    const sister = await client.refer(
      tokens.all,
      iomReferral(
        { ogrs2: 76, ovp2: 31 },
        {
          person: person({
            forenames: 'Kerensa',
            surname: 'Carthew',
            dateOfBirth: '1985-07-01',
            sex: 'female',
            postcode: 'N16 7UX',
            identifiers: { pnc: sisters },
          }),
          referredAt: '2024-06-01T10:00:00Z',
        },
      ),
    );
    expect(sister.personId).not.toBe(first.personId);
    expect(await pncsOf(sister.personId)).toEqual([sisters]);
    expect(await pncsOf(first.personId)).toBeUndefined();
  });

  it('is corrected through the repeat case, and refused beside other details that go on another record', async () => {
    const sisters = syntheticPnc(9111);
    const { first, repeat } = await referredTwice(
      { forenames: 'Morwenna', surname: 'Polglase', dateOfBirth: '1979-10-21', postcode: 'E8 3QP' },
      sisters,
    );
    const hers = syntheticPnc(9112);

    const set = await correct(repeat.caseId, { identifiers: { pnc: hers }, reason: 'Her own PNC ID, from the PNC' });
    expect({ status: set.status, events: set.body.events }).toEqual({
      status: 200,
      events: ['person-record-details-recorded'],
    });
    expect(await pncsOf(first.personId)).toEqual([hers]);

    // Her address goes on the registration, the identifier on the repeat referral's record: one
    // request may not write one and not the other.
    const head = await store().headPosition();
    const mixed = await correct(repeat.caseId, {
      address: '4 Synthetic Row',
      identifiers: { pnc: null },
      reason: 'Recorded in error',
    });
    expect({ status: mixed.status, errors: mixed.body.errors }).toEqual({
      status: 400,
      errors: [expect.objectContaining({ field: 'identifiers', rule: 'identifiers-sent-alone' })],
    });
    expect(await store().headPosition()).toBe(head);

    // Through the first case both go on the registration, judged as one: the removal refused, the
    // address is not written either.
    const both = await correct(first.caseId, {
      address: '4 Synthetic Row',
      identifiers: { nhsNumber: null },
      reason: 'Recorded in error',
    });
    expect({ status: both.status, rule: both.body.rule }).toEqual({ status: 409, rule: 'identifier-not-on-record' });
    expect(await store().headPosition()).toBe(head);
  });
});
