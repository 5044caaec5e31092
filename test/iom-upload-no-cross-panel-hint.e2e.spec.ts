import { apiForSuite } from './support/api-suite';
import { uploadedToIom } from './support/iom-upload';
import { iomReferral, maracReferral, person } from './support/referrals';
import type { TestUser } from './support/tokens';

// Synthetic people, postcodes and CRNs only.
const IOM: TestUser = { sub: 'hint-iom', agency: 'Probation', roles: ['coordinator'], panels: ['IOM'] };
const MARAC: TestUser = { sub: 'hint-marac', agency: 'Metropolitan Police', roles: ['coordinator'], panels: ['MARAC'] };
const ADMIN: TestUser = { sub: 'hint-admin', roles: ['admin'] };
const HEADER =
  'CRN,PNC,Forenames,Surname,Date of birth,Postcode,OGRS 2-year,OVP 2-year,Robbery/burglary in last 2 years';
const FILES = ['rows.csv', 'bad-rows.csv', 'new.csv', 'expired.csv'] as const;
/** Scores a coordinator mistyped: the row cannot be evaluated. */
const UNREADABLE = 'high,40,N';
/** Readable scores, not eligible: nothing is referred. */
const NOT_ELIGIBLE = '10,10,N';

const victim = { forenames: 'Ottilie', surname: 'Quenneville', dateOfBirth: '1992-07-19' };
const perpetrator = { forenames: 'Brannock', surname: 'Vessey', dateOfBirth: '1983-12-05' };
const strangers = [
  { forenames: 'Isolde', surname: 'Penhaligon', dateOfBirth: '1990-02-11' },
  { forenames: 'Caspian', surname: 'Threlkeld', dateOfBirth: '1986-06-23' },
  { forenames: 'Wilhelmina', surname: 'Ashgrove', dateOfBirth: '1994-09-30' },
  { forenames: 'Lorcan', surname: 'Ebbsfleet', dateOfBirth: '1981-03-08' },
];
type Named = { forenames: string; surname: string; dateOfBirth: string };
const line = (crn: string, who: Named, scores: string) =>
  `${crn},,${who.forenames},${who.surname},${who.dateOfBirth},E5 0QQ,${scores}`;

/**
 * A row naming someone only another panel knows (a MARAC victim, a MARAC-only perpetrator) must
 * tell the IOM coordinator no more than a stranger's row with the same cells: otherwise the upload
 * says "this name and date of birth is known here", and gives the id. Months are 14 apart so no
 * upload is another's previous or later month.
 */
describe('the IOM upload does not hint that another panel knows the person', () => {
  const { api, client, tokens } = apiForSuite({ iom: IOM, marac: MARAC, admin: ADMIN });
  let marac: { caseId: string; personId: string; perpetratorPersonId: string };

  const upload = async (month: string, rows: readonly string[]) => {
    const job = await uploadedToIom(api, tokens.iom, month, [HEADER, ...rows].join('\n'));
    const files: Record<string, string> = {};
    for (const name of FILES)
      files[name] = (await client.get(`/v1/jobs/${job.id}/files/${name}`, tokens.iom, null)).text;
    const { month: _month, ...summary } = job.result.summary;
    return { files, summary };
  };
  /** The files with the CRNs taken out: what is left is what the upload says about each row. */
  const withoutCrns = (files: Record<string, string>, crns: readonly string[]) =>
    Object.fromEntries(
      Object.entries(files).map(([name, text]) => [name, crns.reduce((t, c) => t.split(c).join('CRN'), text)]),
    );

  /** Her and his rows in one month's file, two strangers' in another's, with the same cells: the same files. */
  const readAsStrangers = async (months: [string, string], scores: string, crn: string, others: [Named, Named]) => {
    const theirs = await upload(months[0], [
      line(`${crn}00001`, victim, scores),
      line(`${crn}00002`, perpetrator, scores),
    ]);
    const strangers_ = await upload(months[1], [
      line('S200001', others[0], scores),
      line('S200002', others[1], scores),
    ]);
    expect(withoutCrns(theirs.files, [`${crn}00001`, `${crn}00002`])).toEqual(
      withoutCrns(strangers_.files, ['S200001', 'S200002']),
    );
    expect(theirs.summary).toEqual(strangers_.summary);
    return theirs;
  };

  beforeAll(async () => {
    const made = await client.post(
      '/v1/referrals',
      tokens.marac,
      maracReferral({ person: person({ ...victim, postcode: 'E5 0QQ' }) }, { perpetrator }),
    );
    expect(made.status).toBe(201);
    marac = made.body;
  });

  it('unreadable rows for her and for him read exactly as strangers’ rows do: bad, no id', async () => {
    const theirs = await readAsStrangers(['2020-01', '2021-03'], UNREADABLE, 'B1', [strangers[0]!, strangers[1]!]);
    expect(theirs.files['rows.csv']).toContain(',bad,');
    expect(theirs.files['rows.csv']).not.toContain(marac.personId);
  });

  it('readable, not eligible rows for her and for him read as strangers’ rows do, yet the index links her', async () => {
    const theirs = await readAsStrangers(['2022-05', '2023-07'], NOT_ELIGIBLE, 'C1', [strangers[2]!, strangers[3]!]);
    const rows = theirs.files['rows.csv']!;
    expect(rows).not.toContain(marac.personId);
    expect(rows).not.toContain(marac.perpetratorPersonId);
    // Cross-panel matching still holds: her person carries the record (and CRN) the upload brought in.
    for (const [personId, crn] of [
      [marac.personId, 'C100001'],
      [marac.perpetratorPersonId, 'C100002'],
    ] as const) {
      const seen = await client.get(`/v1/people/${personId}`, tokens.admin);
      expect(seen.status).toBe(200);
      expect(seen.body.identifiers.crn).toContain(crn);
      expect(seen.body.records.map((r: { panel: string | null }) => r.panel)).toContain('IOM');
    }
  });

  it('a person IOM already knows is still named: through an IOM case, or a record an earlier upload brought in', async () => {
    const nominal = { forenames: 'Dunstan', surname: 'Farquharson', dateOfBirth: '1979-05-14' };
    const referred = await client.post(
      '/v1/referrals',
      tokens.iom,
      iomReferral({}, { person: person({ ...nominal, sex: 'male', identifiers: {} }) }),
    );
    expect(referred.status).toBe(201);
    const returning = { forenames: 'Perpetua', surname: 'Holloway', dateOfBirth: '1988-08-08' };

    const first = await upload('2024-09', [
      line('D100001', nominal, UNREADABLE),
      line('D100002', returning, NOT_ELIGIBLE),
    ]);
    expect(first.files['rows.csv']).toContain(`D100001,held,${referred.body.personId as string},`);
    expect(first.files['rows.csv']).toMatch(/D100002,unchanged,,,not eligible/);

    const second = await upload('2024-10', [line('D100002', returning, NOT_ELIGIBLE)]);
    expect(second.files['rows.csv']).toMatch(/D100002,unchanged,[0-9a-f-]{36},,not eligible/);
  });
});
