import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { iomReferral, maracReferral, person } from './support/referrals';
import { apiForSuite } from './support/api-suite';
import { COORDINATOR_ALL_PANELS, IOM_ONLY_COORDINATOR } from './support/tokens';

/**
 * A MARAC referral writes only what its own panel will hold: a refused one writes nothing at all
 * (her address in an untagged record is shown to every panel that later meets her), and the
 * victim's disability and language never land on a record another panel brought in: on the record
 * the referral itself brought in, as details recorded through her case do. Synthetic people.
 */
describe('a MARAC referral writes only onto records MARAC holds', () => {
  const { api, client, tokens } = apiForSuite({ all: COORDINATOR_ALL_PANELS, iomOnly: IOM_ONLY_COORDINATOR });
  const post = (path: string, body: unknown) => client.post(path, tokens.all, body);
  const eventsMentioning = async (text: string) => {
    const store = api.app.get<symbol, EventStore>(EVENT_STORE);
    const written = (await store.readAll({})).filter((e) => JSON.stringify(e.data).includes(text));
    return written.map((e) => [e.stream, e.type]);
  };

  it('refuses a perpetrator the matcher would take for the new victim before writing anything', async () => {
    const nell = { forenames: 'Nell', surname: 'Quarrendon', dateOfBirth: '1991-02-03', postcode: 'E8 1AA' };
    // One letter short of her own surname: not the same name on the form, but the same person to the
    // matcher. (A forename one letter short at her birthday and home is a likely twin: held for review.)
    const typo = { ...nell, surname: 'Quarendon' };
    const refused = await post(
      '/v1/referrals',
      maracReferral({ person: person({ ...nell, address: '1 Refuge Synthetic Row' }) }, { perpetrator: typo }),
    );
    expect({ status: refused.status, rule: refused.body.rule }).toEqual({
      status: 422,
      rule: 'marac-perpetrator-not-victim',
    });
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['marac.perpetrator']);
    // Neither her name nor his (the first test: nothing else is written yet).
    expect(await eventsMentioning('Quar')).toEqual([]);

    const iom = await post('/v1/referrals', iomReferral({}, { person: person({ ...nell, identifiers: undefined }) }));
    expect(iom.status).toBe(201);
    const seen = (await client.get(`/v1/people/${iom.body.personId}`, tokens.iomOnly).expect(200)).body;
    expect(seen.golden.address).toBeUndefined();
    expect(seen.knownNames).not.toContainEqual(expect.objectContaining({ surname: 'Quarendon' }));
  });

  it('keeps a victim’s disability and language off the record an IOM referral brought in', async () => {
    const tamsin = person({ forenames: 'Tamsin', surname: 'Quarrendon', dateOfBirth: '1980-01-01' });
    const iom = await post('/v1/referrals', iomReferral({}, { person: tamsin }));
    expect(iom.status).toBe(201);
    const marac = await post(
      '/v1/referrals',
      maracReferral(
        { person: { ...tamsin, disability: 'Synthetic impairment', language: 'Synthetic' } },
        { perpetrator: undefined },
      ),
    );
    expect({ status: marac.status, personId: marac.body.personId }).toEqual({
      status: 201,
      personId: iom.body.personId,
    });
    // Given on the form, so kept: on the record this MARAC referral linked, never on IOM's registration.
    expect(marac.body.notRecorded).toBeUndefined();
    expect(await eventsMentioning('Synthetic impairment')).toEqual([
      [`identity-${iom.body.personId}`, 'person-record-details-recorded'],
    ]);
    const seen = (await client.get(`/v1/people/${iom.body.personId}`, tokens.iomOnly).expect(200)).body;
    expect(JSON.stringify(seen)).not.toContain('Synthetic impairment');
  });

  it('records disability and language on a record MARAC’s own earlier referral brought in', async () => {
    const ottilie = person({ forenames: 'Ottilie', surname: 'Quarrendon', dateOfBirth: '1984-05-06' });
    const first = await post('/v1/referrals', maracReferral({ person: ottilie }, { perpetrator: undefined }));
    expect(first.status).toBe(201);
    const again = await post(
      '/v1/referrals',
      maracReferral(
        { referredAt: '2024-06-02T09:00:00Z', person: { ...ottilie, language: 'Synthetic Welsh' } },
        { perpetrator: undefined },
      ),
    );
    expect({ status: again.status, personId: again.body.personId }).toEqual({
      status: 201,
      personId: first.body.personId,
    });
    expect(again.body.notRecorded).toBeUndefined();
    expect(await eventsMentioning('Synthetic Welsh')).toEqual([
      [`person-${first.body.personId}`, 'person-details-recorded'],
    ]);
  });
});
