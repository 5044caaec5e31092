import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { apiForSuite } from './support/api-suite';
import { confirmedAsOnePerson } from './support/match-reviews';
import { syntheticPnc } from './support/people';
import { allianceReferral, iomReferral, maracReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

/**
 * A nominal has one open IOM case, as the monthly upload already keeps it: a referral through the
 * API for someone IOM is already managing (or deciding on) is refused, naming the open case, and
 * writes nothing. Once that case is closed or rejected a new referral opens a new case. MARAC's
 * repeat referrals and Alliance's one referral per custody engagement are unchanged. Synthetic
 * people only.
 */
describe('one open IOM case per person', () => {
  const { api, client, tokens } = apiForSuite({ coordinator: COORDINATOR_ALL_PANELS });
  const store = () => api.app.get<symbol, EventStore>(EVENT_STORE);
  /** Everything a referral could write: people, keys, links, notes and cases (not the audit trail). */
  const referralWrites = async () =>
    (await store().readAll({})).filter((e) => /^(person|personkey|personreferrals|identity|case)-/.test(e.stream))
      .length;
  const nominal = (surname: string, pnc: string) =>
    person({ forenames: 'Dean', surname, dateOfBirth: '1995-01-20', sex: 'male', identifiers: { pnc } });
  const cohortRowsOf = async (personId: string) => {
    const cohort = await client.get('/v1/panels/IOM/cohort?limit=500', tokens.coordinator).expect(200);
    return (cohort.body.items as { caseId: string; personId: string }[]).filter((i) => i.personId === personId);
  };

  it('refuses a second IOM referral while the first case is open (adopted), naming it, and writes nothing', async () => {
    const body = iomReferral({}, { person: nominal('Marsh', syntheticPnc(7101)) });
    const first = await client.refer(tokens.coordinator, body);
    const adopted = await client.post(`/v1/cases/${first.caseId}/iom/adopt`, tokens.coordinator, {
      reason: 'Core cohort: eligible',
    });
    expect(adopted.status).toBe(200);

    const before = await referralWrites();
    const second = await client.post('/v1/referrals', tokens.coordinator, {
      ...body,
      referredAt: '2024-03-05T10:00:00Z',
    });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({
      rule: 'one-open-case-per-person',
      errors: [{ field: 'person', rule: 'one-open-case-per-person' }],
    });
    expect(second.body.message).toContain(first.caseId);
    expect(await referralWrites()).toBe(before);
    expect((await cohortRowsOf(first.personId)).map((row) => row.caseId)).toEqual([first.caseId]);
  });

  it('takes a referral of another man with the same name, birth date and address once it carries his own PNC', async () => {
    const first = await client.refer(
      tokens.coordinator,
      iomReferral({}, { person: nominal('Colley', syntheticPnc(7103)) }),
    );
    const brother = await client.post(
      '/v1/referrals',
      tokens.coordinator,
      iomReferral({}, { person: nominal('Colley', syntheticPnc(7104)) }),
    );
    expect(brother.status).toBe(201);
    expect(brother.body.personId).not.toBe(first.personId);
  });

  it('refuses it while the first referral is still pending, and takes it once that case is rejected', async () => {
    const body = iomReferral({}, { person: nominal('Pellow', syntheticPnc(7102)) });
    const first = await client.refer(tokens.coordinator, body);
    const again = await client.post('/v1/referrals', tokens.coordinator, body);
    expect({ status: again.status, rule: again.body.rule }).toEqual({
      status: 409,
      rule: 'one-open-case-per-person',
    });

    const rejected = await client.post(`/v1/cases/${first.caseId}/iom/reject`, tokens.coordinator, {
      category: 'managed-under-mappa',
    });
    expect(rejected.status).toBe(200);
    const later = await client.refer(tokens.coordinator, { ...body, referredAt: '2024-06-03T10:00:00Z' });
    expect(later).toMatchObject({ personId: first.personId });
    expect(later.caseId).not.toBe(first.caseId);
  });

  it('refuses an IOM referral of a person whose open IOM case was made under a record merged into them', async () => {
    // One man recorded twice: a date of birth one digit out and a new address, his PNC on one form only.
    const recordedAs = (dateOfBirth: string, postcode: string, identifiers = {}) =>
      person({ forenames: 'Tobias', surname: 'Quilliam', dateOfBirth, postcode, sex: 'male', identifiers });
    const pnc = { pnc: syntheticPnc(7103) };
    const first = await client.refer(
      tokens.coordinator,
      iomReferral({}, { person: recordedAs('1988-07-14', 'N15 4QD', pnc) }),
    );
    const rejected = await client.post(`/v1/cases/${first.caseId}/iom/reject`, tokens.coordinator, {
      category: 'not-suitable',
    });
    expect(rejected.status).toBe(200);
    // Not yet known to be him: another person then, whose case IOM manages.
    const managed = await client.refer(
      tokens.coordinator,
      iomReferral({}, { person: recordedAs('1988-07-15', 'E9 6RT'), referredAt: '2024-03-04T10:00:00Z' }),
    );
    expect(managed.personId).not.toBe(first.personId);
    // The record registered first stands for him; the managed case's record is merged into it.
    await confirmedAsOnePerson(client, tokens.coordinator, first.personId, managed.personId);

    const before = await referralWrites();
    const refused = await client.post(
      '/v1/referrals',
      tokens.coordinator,
      iomReferral({}, { person: recordedAs('1988-07-14', 'N15 4QD', pnc), referredAt: '2024-04-02T10:00:00Z' }),
    );
    expect({ status: refused.status, rule: refused.body.rule }).toEqual({
      status: 409,
      rule: 'one-open-case-per-person',
    });
    expect(refused.body.message).toContain(managed.caseId);
    expect(await referralWrites()).toBe(before);
  });

  it('still takes a repeat MARAC referral and a second Alliance engagement of the same person', async () => {
    const victim = person({ forenames: 'Rhiannon', surname: 'Castellan', dateOfBirth: '1984-11-02' });
    await client.refer(tokens.coordinator, maracReferral({ person: victim }));
    const repeat = await client.refer(
      tokens.coordinator,
      maracReferral({ person: victim, referredAt: '2024-07-01T09:00:00Z' }),
    );
    expect((repeat as { repeat?: boolean }).repeat).toBe(true);

    const child = person({ forenames: 'Kai', surname: 'Varga', dateOfBirth: '2006-02-11', sex: 'male' });
    const engaged = await client.refer(tokens.coordinator, allianceReferral({ person: child }));
    const engagedAgain = await client.refer(
      tokens.coordinator,
      allianceReferral({ person: child, referredAt: '2020-12-01T15:00:00Z' }),
    );
    expect(engagedAgain.personId).toBe(engaged.personId);
  });
});
