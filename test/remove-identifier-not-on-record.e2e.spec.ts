import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { apiForSuite } from './support/api-suite';
import { referredToMarac } from './support/marac';
import { syntheticPnc } from './support/people';
import { iomReferral, mappaReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

interface Answer {
  status: number;
  body: { rule?: string; message?: string; errors?: { field: string; rule: string }[]; events?: string[] };
}

/**
 * A removal takes an identifier off the record the case's referral brought in, and only that
 * record. A victim registered by an IOM referral with her PNC ID, then referred to MARAC without
 * it, holds the number on her IOM record alone: her MARAC coordinator cannot take it off her by
 * removing it through the MARAC case, and must be told so rather than shown a removal that did
 * nothing. Synthetic people, staff and addresses throughout.
 */
describe('removing an identifier the case’s record does not hold', () => {
  const { api, client, tokens } = apiForSuite({
    all: { ...COORDINATOR_ALL_PANELS, panels: ['IOM', 'MARAC', 'ALLIANCE', 'MAPPA'] },
    iom: { sub: 'iom-coordinator-not-on-record', roles: ['coordinator'], panels: ['IOM'] },
    marac: { sub: 'marac-coordinator-not-on-record', roles: ['coordinator'], panels: ['MARAC'] },
    admin: { sub: 'admin-not-on-record', roles: ['admin'], panels: [] },
  });
  const store = () => api.app.get<symbol, EventStore>(EVENT_STORE);
  const correct = async (caseId: string, body: Record<string, unknown>, token: string): Promise<Answer> =>
    (await client.post(`/v1/cases/${caseId}/person-details`, token, body)) as Answer;
  const pncsOf = async (personId: string) =>
    (await client.personView<{ identifiers: { pnc?: string[] } }>(tokens.admin, personId)).identifiers.pnc;

  it('is 409 identifier-not-on-record naming the field, nothing written, and the value stays', async () => {
    const hers = syntheticPnc(4501);
    const keziah = person({
      forenames: 'Keziah',
      surname: 'Trelawny',
      dateOfBirth: '1990-08-08',
      sex: 'female',
      postcode: 'N17 6AB',
      identifiers: { pnc: hers },
    });
    const iom = await client.refer(
      tokens.all,
      iomReferral({ ogrs2: 76, ovp2: 31 }, { person: keziah, referredAt: '2024-01-20T10:00:00Z' }),
    );
    const marac = await referredToMarac(
      client,
      tokens.all,
      { ...keziah, identifiers: undefined },
      '2024-03-20T10:00:00Z',
    );
    expect(marac.personId).toBe(iom.personId);
    const head = await store().headPosition();

    const refused = await correct(
      marac.caseId,
      { identifiers: { pnc: null }, reason: 'PNC ID belongs to her sister' },
      tokens.marac,
    );

    expect({ status: refused.status, rule: refused.body.rule, errors: refused.body.errors }).toEqual({
      status: 409,
      rule: 'identifier-not-on-record',
      errors: [expect.objectContaining({ field: 'identifiers.pnc', rule: 'identifier-not-on-record' })],
    });
    expect(refused.body.message).toContain("through that referral's case");
    // Neither the value nor the panel whose record holds it: this coordinator sees MARAC only.
    expect(JSON.stringify(refused.body)).not.toContain(hers);
    expect(JSON.stringify(refused.body)).not.toContain('IOM');
    expect(await store().headPosition()).toBe(head);
    expect(await pncsOf(marac.personId)).toEqual([hers]);

    // Through the case whose record holds it, by that panel's coordinator, it is removed.
    const removed = await correct(
      iom.caseId,
      { identifiers: { pnc: null }, reason: 'PNC ID belongs to her sister' },
      tokens.iom,
    );
    expect({ status: removed.status, events: removed.body.events }).toEqual({
      status: 200,
      events: ['person-details-recorded'],
    });
    expect(await pncsOf(marac.personId)).toBeUndefined();
  });

  it('names every kind sent that the record lacks, in the names the client used', async () => {
    const ivo = await client.refer(
      tokens.all,
      mappaReferral(person({ forenames: 'Ivo', surname: 'Penberthy', dateOfBirth: '1990-02-02', sex: 'male' })),
    );
    const head = await store().headPosition();

    const refused = await correct(
      ivo.caseId,
      { identifiers: { pnc: null, nhsNumber: null }, reason: 'Tidying the record' },
      tokens.all,
    );

    expect({ status: refused.status, fields: refused.body.errors?.map((e) => e.field) }).toEqual({
      status: 409,
      fields: ['identifiers.pnc', 'identifiers.nhsNumber'],
    });
    expect(await store().headPosition()).toBe(head);
  });
});
