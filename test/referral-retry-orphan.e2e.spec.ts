import { randomUUID } from 'node:crypto';
import {
  ABANDONED_CLAIM_AFTER_MS,
  ResolutionClock,
} from '../libs/case-lifecycle/src/application/person-resolution/abandoned-claims';
import { claimPersonKey, personKeys } from '../libs/case-lifecycle/src/application/person-resolution/person-keys';
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { apiForSuite } from './support/api-suite';
import { iomReferral, maracReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS, IOM_ONLY_COORDINATOR } from './support/tokens';

// Synthetic people and addresses only.
const refuge = { address: '12 Refuge Synthetic Lane', postcode: 'E9 7QQ' };
const victim = (forenames: string, surname: string, dateOfBirth: string) =>
  person({ forenames, surname, dateOfBirth, ...refuge, identifiers: undefined });
/** Her details as IOM's referral gives them: no address of hers known to IOM. */
const withoutResidence = (her: ReturnType<typeof victim>) => ({ ...her, address: undefined, postcode: undefined });
const perpetrator = (surname: string) => ({ forenames: 'Torvald', surname, dateOfBirth: '1984-11-02' });

interface PersonView {
  readonly golden: Record<string, unknown>;
  readonly records: readonly { readonly recordId: string; readonly panel: string | null; readonly caseId?: string }[];
}

/**
 * A MARAC referral can fail after her record is written: the perpetrator is being registered by
 * another referral at that moment (two agencies referring one incident, or a dead process's fresh
 * claim), and the client is told to retry. What the failed attempt wrote must not end up readable
 * by other panels: the retry takes her record over, so MARAC's referral claims it.
 */
describe('a MARAC referral retried after a 503 that came once the victim was registered', () => {
  const { api, client, tokens } = apiForSuite({ all: COORDINATOR_ALL_PANELS, iomOnly: IOM_ONLY_COORDINATOR });
  const store = () => api.app.get<symbol, EventStore>(EVENT_STORE);
  const registrationsOf = async (surname: string) =>
    (await store().readAll({})).filter(
      (e) => e.type === 'person-registered' && (e.data as { details: { surname: string } }).details.surname === surname,
    );
  /** Another registration of him under way: its claim is fresh, its person not yet written. */
  const registrationUnderWay = async (him: ReturnType<typeof perpetrator>) => {
    const [guard] = personKeys(him);
    if (guard === undefined) throw new Error('no key');
    const now = new Date().toISOString();
    await claimPersonKey(store(), guard, randomUUID(), {
      actor: { id: 'u-other', name: 'Another agency', agency: 'Police', roles: ['coordinator'] },
      correlationId: randomUUID(),
      causationId: randomUUID(),
      occurredAt: now,
      now,
      eventId: () => randomUUID(),
    });
  };
  /** Once the other registration's claim has stood long enough to be set aside. */
  const claimSetAside = () =>
    jest
      .spyOn(api.app.get(ResolutionClock), 'now')
      .mockImplementation(() => Date.now() + ABANDONED_CLAIM_AFTER_MS + 1_000);

  afterEach(() => jest.restoreAllMocks());

  it('names the record the failed attempt registered, adds none, and keeps her refuge from IOM', async () => {
    const her = victim('Marisol', 'Quillfeather', '1988-06-21');
    const body = maracReferral({ person: her }, { perpetrator: perpetrator('Brackwater') });
    await registrationUnderWay(perpetrator('Brackwater'));
    const refused = await client.post('/v1/referrals', tokens.all, body);
    expect(refused.status).toBe(503);
    const [registered, ...others] = await registrationsOf('Quillfeather');
    expect(others).toHaveLength(0);

    claimSetAside();
    const retried = await client.refer(tokens.all, body);
    expect(retried.personId).toBe(registered?.stream.slice('person-'.length));
    const seenByMarac = await client.personView<PersonView>(tokens.all, retried.personId);
    expect(seenByMarac.records).toEqual([{ recordId: retried.personId, panel: 'MARAC', caseId: retried.caseId }]);

    const iom = await client.refer(tokens.all, iomReferral({}, { person: withoutResidence(her) }));
    expect(iom.personId).toBe(retried.personId);
    const seenByIom = await client.personView<PersonView>(tokens.iomOnly, retried.personId);
    expect(JSON.stringify(seenByIom)).not.toMatch(/Refuge Synthetic Lane|E9 7QQ/);
    expect(seenByIom.records.map((r) => r.panel).sort()).toEqual(['IOM', 'MARAC']);
  });

  it('keeps the address of a record no referral claimed (never retried) from IOM', async () => {
    const her = victim('Henrietta', 'Ellerbeck', '1979-01-30');
    await registrationUnderWay(perpetrator('Saltmarsh'));
    const body = maracReferral({ person: her }, { perpetrator: perpetrator('Saltmarsh') });
    expect((await client.post('/v1/referrals', tokens.all, body)).status).toBe(503);

    const iom = await client.refer(tokens.all, iomReferral({}, { person: withoutResidence(her) }));
    const seenByIom = await client.personView<PersonView>(tokens.iomOnly, iom.personId);
    expect(seenByIom.records.some((r) => r.panel === null)).toBe(true);
    expect(JSON.stringify(seenByIom)).not.toMatch(/Refuge Synthetic Lane|E9 7QQ/);
  });

  it('names his record too when the attempt failed once both were written', async () => {
    const body = maracReferral(
      { person: victim('Ottoline', 'Farrowdale', '1991-09-09') },
      { perpetrator: { ...perpetrator('Cindersby'), address: '4 Shared Synthetic Close', postcode: 'E8 1ZZ' } },
    );
    // The connection drops as the referral is noted on her stream: both people are written by then.
    const append = store().append.bind(store());
    let dropped = false;
    jest.spyOn(store(), 'append').mockImplementation(async (stream, events, options) => {
      if (!dropped && stream.startsWith('personreferrals-')) {
        dropped = true;
        throw new Error('connection lost');
      }
      return append(stream, events, options);
    });
    expect((await client.post('/v1/referrals', tokens.all, body)).status).toBe(500);
    expect(await registrationsOf('Cindersby')).toHaveLength(1);
    jest.restoreAllMocks();

    const retried = await client.refer(tokens.all, body);
    const his = await registrationsOf('Cindersby');
    expect(his.map((e) => e.stream)).toEqual([`person-${retried.perpetratorPersonId}`]);
    const seenByMarac = await client.personView<PersonView>(tokens.all, retried.perpetratorPersonId as string);
    expect(seenByMarac.records).toEqual([
      { recordId: retried.perpetratorPersonId, panel: 'MARAC', caseId: retried.caseId },
    ]);
  });

  it('brings in a record of its own when the same form is sent again after it succeeded', async () => {
    const body = maracReferral({ person: victim('Philippa', 'Wrenfield', '1993-04-17') }, { perpetrator: undefined });
    const first = await client.refer(tokens.all, body);
    const again = await client.refer(tokens.all, body);
    expect(again.personId).toBe(first.personId);
    const seen = await client.personView<PersonView>(tokens.all, first.personId);
    expect(seen.records.map((r) => [r.panel, r.caseId])).toEqual([
      ['MARAC', first.caseId],
      ['MARAC', again.caseId],
    ]);
  });
});
