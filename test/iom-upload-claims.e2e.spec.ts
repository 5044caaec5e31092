import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { apiForSuite } from './support/api-suite';
import { uploadedToIom } from './support/iom-upload';
import { iomReferral, maracReferral, person } from './support/referrals';
import { ANALYST, COORDINATOR_ALL_PANELS, IOM_ONLY_COORDINATOR } from './support/tokens';

// Synthetic people, addresses and CRNs only.
const HEADER =
  'CRN,PNC,Forenames,Surname,Date of birth,Postcode,OGRS 2-year,OVP 2-year,Robbery/burglary in last 2 years';
const refuge = { address: '12 Refuge Synthetic Lane', postcode: 'E9 7QQ' };
const victim = (surname: string, dateOfBirth: string) =>
  person({ forenames: 'Morwenna', surname, dateOfBirth, ...refuge, identifiers: undefined });
const perpetrator = { forenames: 'Torvald', surname: 'Shadowmere', dateOfBirth: '1984-11-02' };
/** One front-end journey: it sends every call of a session under this id. */
const journey = { 'X-Correlation-Id': 'journey-7' };
/** OGRS/OVP scores and the robbery flag of a nominal eligible for IOM. */
const ELIGIBLE = '80,40,N';

interface PersonView {
  readonly golden: Record<string, unknown>;
  readonly records: readonly { readonly recordId: string; readonly panel: string | null }[];
}

/**
 * A MARAC referral that fails once it has written the victim, never retried, leaves a record no
 * referral claimed: its refuge address is shown to no panel. The monthly IOM upload, sent by the
 * same front-end under the same X-Correlation-Id with a row for her, claims only the records its
 * rows brought in, so IOM neither sees nor exports where she lives.
 */
describe('the IOM upload claims the records its rows brought in, not the correlation id it came under', () => {
  const { api, client, tokens } = apiForSuite({
    all: COORDINATOR_ALL_PANELS,
    iomOnly: IOM_ONLY_COORDINATOR,
    analyst: ANALYST,
  });
  const store = () => api.app.get<symbol, EventStore>(EVENT_STORE);
  afterEach(() => jest.restoreAllMocks());

  /** The referral fails on its last write (the person's referral note), after both people are written. */
  const failedMaracAttempt = async (surname: string, dateOfBirth: string) => {
    const body = maracReferral({ person: victim(surname, dateOfBirth) }, { perpetrator });
    const append = store().append.bind(store());
    let failed = false;
    jest.spyOn(store(), 'append').mockImplementation(async (stream, events, options) => {
      if (!failed && stream.startsWith('personreferrals-')) {
        failed = true;
        throw new Error('connection lost');
      }
      return append(stream, events, options);
    });
    expect((await client.post('/v1/referrals', tokens.all, body, journey)).status).toBe(500);
    jest.restoreAllMocks();
    const registered = (await store().readAll({})).find(
      (e) => e.type === 'person-registered' && (e.data as { details: { surname: string } }).details.surname === surname,
    );
    return registered!.stream.slice('person-'.length);
  };

  /** Her row, by name and date of birth only (no postcode): the matcher links her. */
  const uploadWithHerRow = async (month: string, surname: string, dateOfBirth: string, scores: string) => {
    const file = [HEADER, `X70${month.slice(-2)}01,,Morwenna,${surname},${dateOfBirth},,${scores}`].join('\n');
    return uploadedToIom(api, tokens.all, month, file, journey);
  };

  /** The postcode districts an IOM export gives analysts for the registrations of IOM's people. */
  const districtsInIomExport = async () =>
    (await client.exportedRecords(tokens.analyst, ['IOM']))
      .filter((r) => r.event_type === 'person-registered')
      .map((r) => r.postcode_district ?? null);

  it('referring her to IOM: IOM sees her, not the refuge the failed MARAC attempt gave, nor its district', async () => {
    const herId = await failedMaracAttempt('Quillerby', '1993-08-17');
    const job = await uploadWithHerRow('2024-06', 'Quillerby', '1993-08-17', ELIGIBLE);
    expect(job.result.summary).toMatchObject({ new: 1 });

    const seen = await client.personView<PersonView>(tokens.iomOnly, herId);
    expect(JSON.stringify(seen.golden)).not.toMatch(/Refuge|E9 7QQ/);
    expect(seen.records.find((r) => r.recordId === herId)?.panel).toBeNull();
    expect(seen.records.filter((r) => r.recordId !== herId).map((r) => r.panel)).toEqual(['IOM']);
    // Hers only: the first of this suite's people on an IOM case.
    expect(await districtsInIomExport()).toEqual([null]);
  });

  it('a nominal already on an IOM case, matched again: the failed attempt’s record stays unclaimed', async () => {
    const herId = await failedMaracAttempt('Ravensholt', '1971-03-04');
    const known = { ...victim('Ravensholt', '1971-03-04'), address: undefined, postcode: undefined };
    await client.refer(tokens.all, iomReferral({}, { person: known }), { 'X-Correlation-Id': 'journey-8' });
    const job = await uploadWithHerRow('2024-07', 'Ravensholt', '1971-03-04', ELIGIBLE);
    expect(job.result.summary).toMatchObject({ new: 0, unchanged: 1 });

    const seen = await client.personView<PersonView>(tokens.iomOnly, herId);
    expect(JSON.stringify(seen.golden)).not.toMatch(/Refuge|E9 7QQ/);
    expect(seen.records.find((r) => r.recordId === herId)?.panel).toBeNull();
  });
});
