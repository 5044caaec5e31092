import { csvRecords } from '../libs/cohort-import/src/application/csv-records';
import { apiForSuite } from './support/api-suite';
import { uploadedToIom } from './support/iom-upload';
import { mappaReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

const HEADER =
  'CRN,PNC,Forenames,Surname,Date of birth,Postcode,OGRS 2-year,OVP 2-year,Robbery/burglary in last 2 years';
/** Eligible under London 2021 (OGRS ≥ 75, OVP ≥ 30): a first row opens an IOM referral. */
const ELIGIBLE = '80,40,N';

interface Named {
  readonly forenames: string;
  readonly surname: string;
  readonly dateOfBirth: string;
  readonly postcode: string;
}
const line = (crn: string, who: Named) =>
  `${crn},,${who.forenames},${who.surname},${who.dateOfBirth},${who.postcode},${ELIGIBLE}`;

/** A CSV download as one object per line, keyed by its header. */
const table = (text: string): Record<string, string>[] => {
  const [header = [], ...rows] = csvRecords(text);
  return rows.map((cells) => Object.fromEntries(header.map((column, at) => [column, cells[at] ?? ''])));
};

/**
 * A coordinator corrects a nominal's CRN on his record through his IOM case, but probation's next
 * extract, not yet fixed at source, still carries the old CRN on his row. Two different CRNs never
 * link, so that row used to register a second person and open a second IOM referral for the same
 * man, with no review. Synthetic people, postcodes and CRNs throughout; months a year apart per test
 * so neither test's upload is the other's previous month.
 */
describe('an upload row still carrying a CRN corrected on the record', () => {
  const { api, client, tokens } = apiForSuite({
    coordinator: { ...COORDINATOR_ALL_PANELS, panels: ['IOM', 'MARAC', 'ALLIANCE', 'MAPPA'] },
  });
  const upload = async (month: string, rows: readonly string[]) => {
    const job = await uploadedToIom(api, tokens.coordinator, month, [HEADER, ...rows].join('\n'));
    const file = async (name: string) =>
      table((await client.get(`/v1/jobs/${job.id}/files/${name}`, tokens.coordinator, null)).text);
    return { summary: job.result.summary, rows: await file('rows.csv'), bad: await file('bad-rows.csv') };
  };
  const iomCasesOf = async (who: Named) => {
    const cohort = await client.get('/v1/panels/iom/cohort?limit=500', tokens.coordinator).expect(200);
    return (cohort.body.items as { caseId: string; personId: string }[])
      .filter((item) => JSON.stringify(item).includes(`${who.forenames} ${who.surname}`))
      .map((item) => ({ caseId: item.caseId, personId: item.personId }));
  };
  /** Month one registers him with `oldCrn` and refers him; his coordinator then sets `newCrn` through that case. */
  const correctedAfterFirstMonth = async (month: string, who: Named, oldCrn: string, newCrn: string) => {
    const first = await upload(month, [line(oldCrn, who)]);
    expect(first.summary).toMatchObject({ new: 1, bad: 0 });
    const [iom] = await iomCasesOf(who);
    if (iom === undefined) throw new Error(`no IOM case for ${who.forenames} ${who.surname}`);
    const corrected = await client.post(`/v1/cases/${iom.caseId}/person-details`, tokens.coordinator, {
      identifiers: { crn: newCrn },
      reason: 'probation merged his duplicate CRN into the one he is managed under',
    });
    expect({ status: corrected.status, events: corrected.body.events }).toEqual({
      status: 200,
      events: ['person-details-recorded'],
    });
    return iom;
  };

  it('refuses his row carrying the old CRN, naming the case it was corrected through, and imports the rest', async () => {
    const him: Named = { forenames: 'Jowan', surname: 'Pendarves', dateOfBirth: '1984-02-17', postcode: 'N17 6AA' };
    const other: Named = { forenames: 'Elowen', surname: 'Trevithick', dateOfBirth: '1991-11-03', postcode: 'E5 0QQ' };
    const iom = await correctedAfterFirstMonth('2024-02', him, 'X710001', 'X710002');

    const march = await upload('2024-03', [line('X710001', him), line('X710003', other)]);

    expect(march.summary).toMatchObject({ rows: 2, bad: 1, imported: 1, new: 1, expired: 0 });
    expect(march.bad).toEqual([
      expect.objectContaining({ row: '1', field: 'crn', reason: 'identifier-corrected-on-record', crn: 'X710001' }),
    ]);
    expect(march.bad[0]?.message).toContain(iom.caseId);
    expect(march.bad[0]?.message).toContain('source extract');
    expect(march.rows.map((row) => [row.row, row.outcome, row.person_id, row.case_id])).toEqual([
      ['1', 'bad', '', ''],
      ['2', 'new', expect.any(String), expect.any(String)],
    ]);
    // Still one man with one IOM case: no second person registered, no second referral opened.
    expect(await iomCasesOf(him)).toEqual([iom]);
    expect(await iomCasesOf(other)).toHaveLength(1);

    // Once probation fixes the extract, his row with the corrected CRN finds him and his case.
    const april = await upload('2024-04', [line('X710002', him), line('X710003', other)]);
    expect(april.summary).toMatchObject({ bad: 0, new: 0, unchanged: 2, expired: 0 });
    expect(april.rows[0]).toMatchObject({ outcome: 'unchanged', person_id: iom.personId, case_id: iom.caseId });
  });

  it('lists the refused row again when the same file is uploaded again', async () => {
    const him: Named = { forenames: 'Jago', surname: 'Polglaze', dateOfBirth: '1987-05-30', postcode: 'N17 6AD' };
    await correctedAfterFirstMonth('2022-02', him, 'X730001', 'X730002');
    const march = await upload('2022-03', [line('X730001', him)]);

    const again = await upload('2022-03', [line('X730001', him)]);

    expect(again.summary).toMatchObject({ alreadyImported: true, bad: 1, new: 0 });
    expect(again.bad).toEqual(march.bad);
    expect(await iomCasesOf(him)).toHaveLength(1);
  });

  it('does not count a CRN corrected through another panel’s case: the row reads as it did before', async () => {
    const him: Named = { forenames: 'Tamsin', surname: 'Nancarrow', dateOfBirth: '1983-10-02', postcode: 'N17 6AE' };
    const mappa = await client.refer(
      tokens.coordinator,
      mappaReferral(person({ ...him, sex: 'female', identifiers: { crn: 'X740001' } })),
    );
    const corrected = await client.post(`/v1/cases/${mappa.caseId}/person-details`, tokens.coordinator, {
      identifiers: { crn: 'X740002' },
      reason: 'probation merged her duplicate CRN',
    });
    expect(corrected.status).toBe(200);

    // What MAPPA corrected is MAPPA's to know: the IOM upload neither refuses the row nor names the case.
    const upload2020 = await upload('2020-03', [line('X740001', him)]);
    expect(upload2020.summary).toMatchObject({ bad: 0, new: 1 });
    expect(upload2020.bad).toEqual([]);
  });

  it('imports a row with the old CRN and a clearly different person as that person', async () => {
    const him: Named = { forenames: 'Kitto', surname: 'Rosewarne', dateOfBirth: '1979-08-21', postcode: 'N17 6AB' };
    const holder: Named = {
      forenames: 'Aurelia',
      surname: 'Penhallow',
      dateOfBirth: '1995-04-12',
      postcode: 'SE15 4QQ',
    };
    const iom = await correctedAfterFirstMonth('2025-06', him, 'X720001', 'X720002');

    // The old CRN was hers all along: a row naming her with it is hers, imported as before.
    const march = await upload('2025-07', [line('X720001', holder)]);

    expect(march.summary).toMatchObject({ rows: 1, bad: 0, new: 1 });
    expect(march.bad).toEqual([]);
    const [hers] = await iomCasesOf(holder);
    expect(hers?.personId).not.toBe(iom.personId);
    expect(await iomCasesOf(him)).toEqual([iom]);
  });
});
