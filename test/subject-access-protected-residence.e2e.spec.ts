import { MASE_SETTINGS } from '../libs/case-lifecycle/src/domain/testing/configured-panels';
import { apiForSuite } from './support/api-suite';
import { iomReferral, maracReferral, person, referrer } from './support/referrals';
import { syntheticPnc } from './support/people';
import { POLICE_PROBATION_DSA } from './support/sharing';
import type { TestUser } from './support/tokens';

const WITHHELD = '[withheld pending review]';
const PROTECTED = /panel that protects residence/;

const MARAC_COORDINATOR: TestUser = {
  sub: 'sar-res-marac',
  agency: 'Metropolitan Police',
  roles: ['coordinator'],
  panels: ['MARAC'],
};
const IOM_COORDINATOR: TestUser = { sub: 'sar-res-iom', agency: 'Probation', roles: ['coordinator'], panels: ['IOM'] };
const MASE_COORDINATOR: TestUser = { sub: 'sar-res-mase', roles: ['coordinator'], panels: ['MASE'] };
const AUDITOR: TestUser = { sub: 'sar-res-auditor', roles: ['auditor'] };
const IOM_AUDITOR: TestUser = { sub: 'sar-res-auditor-iom', roles: ['auditor'], panels: ['IOM'] };
/** The README's only reader of a MARAC victim's report unredacted: a MARAC member asking for it. */
const MARAC_AUDITOR: TestUser = { sub: 'sar-res-auditor-marac', roles: ['auditor'], panels: ['MARAC'] };
/** A member of the configured MASE: its content is hers to have, MARAC's is not. */
const MASE_AUDITOR: TestUser = { sub: 'sar-res-auditor-mase', roles: ['auditor'], panels: ['MASE'] };
const ADMIN: TestUser = { sub: 'sar-res-admin', roles: ['admin'] };

/** Synthetic: where she is, and what MARAC holds that would lead to her. */
const REFUGE = { address: '1 Refuge Road, London', postcode: 'E8 1AA' };
const SAFE_NUMBER = '07700900111';
const REFUGE_REASON = 'She is at the Hackney refuge';
const CHILD = 'Tomasz';

interface Note {
  path: string;
  reason: string;
  position?: string;
  field?: string;
}
interface Report {
  maracRedacted: boolean;
  manualReview: Note[];
}

/** Every key at any depth: a key can say MARAC where no value does. */
const keysOf = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.flatMap(keysOf)
    : typeof value === 'object' && value !== null
      ? Object.entries(value).flatMap(([key, field]) => [key, ...keysOf(field)])
      : [];

/** The value at a report path (`$.cases[0].events[1].data.details.address`), or undefined. */
const at = (report: unknown, path: string): unknown =>
  path
    .slice(1)
    .split(/\.|\[(\d+)\]/)
    .filter((part) => part !== undefined && part !== '')
    .reduce<unknown>((inner, part) => (inner as Record<string, unknown> | undefined)?.[part], report);

/** Where the report withholds a field of a protecting panel, as its `manualReview` says. */
const protectedNotes = (report: Report) => report.manualReview.filter((note) => PROTECTED.test(note.reason));

/**
 * A subject access report is compiled by an auditor for the person it is about. When the auditor
 * is not on the panel that protects her residence, the report must not tell them where she is:
 * each such field is withheld and listed for a member of that panel to release. Synthetic people.
 */
describe('subject access of a person on a panel that protects residence', () => {
  const { client, tokens } = apiForSuite({
    marac: MARAC_COORDINATOR,
    iom: IOM_COORDINATOR,
    auditor: AUDITOR,
    iomAuditor: IOM_AUDITOR,
    maracAuditor: MARAC_AUDITOR,
    admin: ADMIN,
  });
  let victimId: string;

  beforeAll(async () => {
    const victim = person({
      forenames: 'Nadia',
      surname: 'Kowalczyk',
      dateOfBirth: '1991-03-14',
      ...REFUGE,
      safeContactNumber: SAFE_NUMBER,
    });
    const made = await client.refer(
      tokens.marac,
      maracReferral(
        { person: victim },
        {
          children: [{ forenames: CHILD, surname: 'Kowalczyk' }],
          perpetrator: { forenames: 'Rayner', surname: 'Thornbury', dateOfBirth: '1985-02-02', ...REFUGE },
        },
      ),
    );
    victimId = made.personId;
    // Probation knows her under its own postcode: the link's residence level compares it with the refuge's.
    const iom = await client.refer(
      tokens.iom,
      iomReferral(
        {},
        {
          person: person({
            forenames: 'Nadia',
            surname: 'Kowalczyk',
            dateOfBirth: '1991-03-14',
            postcode: 'N4 2ZZ',
            identifiers: {},
          }),
        },
      ),
    );
    expect(iom.personId).toBe(victimId);
    const signed = await client.post('/v1/sharing-agreements', tokens.admin, POLICE_PROBATION_DSA);
    expect(signed.status).toBe(201);
    const dsaId = signed.body.dsaId as string;
    const withheld = await client.post('/v1/disclosures/withheld', tokens.marac, {
      toAgency: 'Probation',
      dsaId,
      caseId: made.caseId,
      fields: ['address'],
      purpose: 'Probation asked where she lives',
      reason: REFUGE_REASON,
    });
    expect(withheld.status).toBe(201);
    const aboutHer = await client.post('/v1/disclosures/withheld', tokens.marac, {
      toAgency: 'Probation',
      dsaId,
      personId: victimId,
      panel: 'MARAC',
      fields: ['postcode'],
      purpose: 'Probation asked where she lives',
      reason: `${REFUGE_REASON} (her person)`,
    });
    expect(aboutHer.status).toBe(201);
  });

  const reportOf = async (token: string, query = ''): Promise<Report> =>
    (await client.get(`/v1/audit/subject-access/${victimId}${query}`, token, null).expect(200)).body as Report;

  it.each([
    ['an auditor on no panel', 'auditor', ''],
    ['an auditor on IOM', 'iomAuditor', ''],
    ['an auditor on IOM asking for MARAC content', 'iomAuditor', '?redactMarac=false'],
    ['an admin off MARAC asking for MARAC content', 'admin', '?redactMarac=false'],
    ['a MARAC member not asking for MARAC content', 'maracAuditor', ''],
  ] as const)('gives %s none of her whereabouts, each listed for review', async (_, who, query) => {
    const report = await reportOf(tokens[who], query);
    const text = JSON.stringify(report);
    for (const secret of [REFUGE.address, REFUGE.postcode, SAFE_NUMBER, REFUGE_REASON, CHILD])
      expect(text).not.toContain(secret);
    // `maracRedacted` is every report's own flag, not something recorded about her.
    const { person: held, cases, reads, disclosures } = report as Report & Record<string, unknown>;
    const keys = keysOf({ held, cases, reads, disclosures });
    // An earlier report's own `redactMarac` parameter, among the reads, names the API's option.
    const saysMarac = keys.filter((key) => /marac|^dash|safeContact|^residence$/i.test(key) && key !== 'redactMarac');
    expect(saysMarac).toEqual([]);
    expect(keys).toContain('postcode');

    const notes = protectedNotes(report);
    const fields = notes.map((note) => note.field ?? '');
    for (const field of ['.details.address', '.details.postcode', '.levels', '.score', '.reason'])
      expect(fields.some((f) => f.endsWith(field))).toBe(true);
    expect(notes.filter((note) => note.path.startsWith('$.disclosures') && note.field === 'data.reason')).toHaveLength(
      2,
    );
    for (const note of notes) {
      expect(note.position).toMatch(/^\d+$/);
      expect([WITHHELD, undefined]).toContain(at(report, note.path));
    }
  });

  it('gives a MARAC member who asks for MARAC content all of it', async () => {
    const report = await reportOf(tokens.maracAuditor, '?redactMarac=false');
    expect(report.maracRedacted).toBe(false);
    const text = JSON.stringify(report);
    for (const secret of [REFUGE.address, REFUGE.postcode, SAFE_NUMBER, REFUGE_REASON]) expect(text).toContain(secret);
    expect(keysOf(report)).toEqual(expect.arrayContaining(['residence', 'safeContactNumber', 'dashScore']));
    expect(protectedNotes(report)).toEqual([]);
  });
});

describe('subject access of a child on a configured MASE that protects residence', () => {
  const { client, tokens } = apiForSuite(
    {
      mase: MASE_COORDINATOR,
      iom: IOM_COORDINATOR,
      marac: MARAC_COORDINATOR,
      auditor: AUDITOR,
      maracAuditor: MARAC_AUDITOR,
      maseAuditor: MASE_AUDITOR,
    },
    { PANELS: JSON.stringify([{ ...MASE_SETTINGS, protectsResidence: true }]) },
  );
  const child = person({
    forenames: 'Rowan',
    surname: 'Ashdownfield',
    dateOfBirth: '2006-06-11',
    postcode: 'N15 5BB',
    address: '9 Synthetic Close',
    identifiers: { pnc: syntheticPnc(7411) },
  });
  const REASON = 'Placed out of borough at the Tottenham unit';
  let childId: string;

  beforeAll(async () => {
    const made = await client.refer(tokens.mase, {
      panel: 'MASE',
      referredAt: '2024-05-02T09:00:00Z',
      referrer,
      reason: REASON,
      person: child,
    });
    childId = made.personId;
    const iom = await client.refer(
      tokens.iom,
      iomReferral({}, { person: { ...child, postcode: 'N4 2ZZ', address: undefined } }),
    );
    expect(iom.personId).toBe(childId);
  });

  it.each([
    ['an auditor on no panel', 'auditor', ''],
    ['a MARAC member asking for MARAC content', 'maracAuditor', '?redactMarac=false'],
    ['a MASE member who does not ask', 'maseAuditor', ''],
  ] as const)('gives %s none of the MASE whereabouts, each listed for review', async (_, who, query) => {
    const report = (await client.get(`/v1/audit/subject-access/${childId}${query}`, tokens[who], null).expect(200))
      .body as Report;
    const text = JSON.stringify(report);
    for (const secret of ['9 Synthetic Close', 'N15 5BB', REASON]) expect(text).not.toContain(secret);
    expect(keysOf(report)).not.toContain('residence');
    const fields = protectedNotes(report).map((note) => note.field ?? '');
    for (const field of ['.details.address', '.details.postcode', '.levels', '.reason'])
      expect(fields.some((f) => f.endsWith(field))).toBe(true);
  });

  /** A MARAC victim at the refuge, and her report as `reader` asks for it unredacted. */
  const maracVictimAsked = async (forenames: string, dateOfBirth: string, reader: 'maracAuditor' | 'maseAuditor') => {
    const made = await client.refer(
      tokens.marac,
      maracReferral({ person: person({ forenames, surname: 'Varnock', dateOfBirth, ...REFUGE }) }),
    );
    const report = await client
      .get(`/v1/audit/subject-access/${made.personId}?redactMarac=false`, tokens[reader], null)
      .expect(200);
    return { made, report };
  };

  it('still gives a MARAC member who asks all of a MARAC victim’s report while MASE stays protected', async () => {
    const { made, report } = await maracVictimAsked('Ilse', '1990-01-02', 'maracAuditor');
    expect(report.body.maracRedacted).toBe(false);
    const text = JSON.stringify(report.body);
    for (const secret of [REFUGE.address, REFUGE.postcode, made.caseId, '"MARAC"']) expect(text).toContain(secret);
    expect(keysOf(report.body)).toContain('dashScore');
  });

  it('gives a MASE member who asks the MASE whereabouts, and still none of MARAC’s', async () => {
    const mase = await client
      .get(`/v1/audit/subject-access/${childId}?redactMarac=false`, tokens.maseAuditor, null)
      .expect(200);
    const text = JSON.stringify(mase.body);
    for (const secret of ['9 Synthetic Close', 'N15 5BB', REASON]) expect(text).toContain(secret);
    expect(protectedNotes(mase.body as Report)).toEqual([]);
    expect(mase.body.maracRedacted).toBe(true);

    const { made, report: marac } = await maracVictimAsked('Oriel', '1991-03-04', 'maseAuditor');
    expect(marac.body.maracRedacted).toBe(true);
    const maracText = JSON.stringify(marac.body);
    for (const secret of [REFUGE.address, REFUGE.postcode, made.caseId, '"MARAC"'])
      expect(maracText).not.toContain(secret);

    const exports = await client
      .get(`/v1/audit/trail?actor=${MASE_AUDITOR.sub}&action=export`, tokens.auditor, null)
      .expect(200);
    // The last two are this test's; the export entry says which panel's content was given in full.
    expect(exports.body.items.slice(-2).map((item: { parameters: unknown }) => item.parameters)).toEqual([
      { redactMarac: true, unredactedPanels: ['MASE'] },
      { redactMarac: true, unredactedPanels: ['MASE'] },
    ]);
  });
});
