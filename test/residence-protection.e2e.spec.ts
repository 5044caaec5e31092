import { GANGS_SGV_SETTINGS, MASE_SETTINGS } from '../libs/case-lifecycle/src/domain/testing/configured-panels';
import { apiForSuite } from './support/api-suite';
import { syntheticPnc } from './support/people';
import { person, referrer } from './support/referrals';
import { ANALYST, AUDITOR, type TestUser } from './support/tokens';

const MASE_COORDINATOR: TestUser = { sub: 'mase-res-1', roles: ['coordinator'], panels: ['MASE'] };
const GANGS_COORDINATOR: TestUser = { sub: 'sgv-res-1', roles: ['coordinator'], panels: ['GANGS-SGV'] };
/** May ask for MARAC's content unredacted, never another protecting panel's. */
const MARAC_AUDITOR: TestUser = { ...AUDITOR, sub: 'auditor-marac-res', panels: ['MARAC'] };

const referralTo = (panel: string, child: Record<string, unknown>) => ({
  panel,
  referredAt: '2024-05-02T09:00:00Z',
  referrer,
  reason: 'Missing from home twice this month; seen with older males',
  person: child,
});

/** Synthetic children: one MASE hears about, then gangs/SGV; one gangs/SGV alone. */
const pnc = syntheticPnc(7301);
const maseChild = person({
  forenames: 'Rowan',
  surname: 'Ashdownfield',
  dateOfBirth: '2010-06-11',
  postcode: 'N15 5BB',
  address: '9 Synthetic Close',
  identifiers: { pnc },
});
const sameChildWithoutAddress = person({
  forenames: 'Rowan',
  surname: 'Ashdownfield',
  dateOfBirth: '2010-06-11',
  postcode: undefined,
  identifiers: { pnc },
});
const gangsOnlyChild = person({
  forenames: 'Kit',
  surname: 'Brenchmoor',
  dateOfBirth: '2008-01-09',
  postcode: 'E9 6AA',
});

interface PersonView {
  golden: { address?: string; postcode?: string };
  records: { panel: string | null; link?: { score?: number; levels: Record<string, unknown> } }[];
}

/**
 * A panel configured with `protectsResidence` keeps where its people live as MARAC does: a sexual
 * exploitation panel's children are as findable through an address as a MARAC victim.
 */
describe('a configured panel that protects residence (MASE)', () => {
  const { client, tokens } = apiForSuite(
    {
      mase: MASE_COORDINATOR,
      gangs: GANGS_COORDINATOR,
      analyst: ANALYST,
      auditor: AUDITOR,
      maracAuditor: MARAC_AUDITOR,
    },
    { PANELS: JSON.stringify([{ ...MASE_SETTINGS, protectsResidence: true }, GANGS_SGV_SETTINGS]) },
  );
  let child: { personId: string; maseCaseId: string; gangsCaseId: string };
  let gangsOnly: { personId: string };

  beforeAll(async () => {
    const mase = await client.refer(tokens.mase, referralTo('MASE', maseChild));
    const gangs = await client.refer(tokens.gangs, referralTo('GANGS-SGV', sameChildWithoutAddress));
    expect(gangs.personId).toBe(mase.personId);
    child = { personId: mase.personId, maseCaseId: mase.caseId, gangsCaseId: gangs.caseId };
    gangsOnly = await client.refer(tokens.gangs, referralTo('GANGS-SGV', gangsOnlyChild));
  });

  it('keeps the MASE address, postcode and residence comparison from a gangs/SGV reader of the same child', async () => {
    const gangs = await client.personView<PersonView>(tokens.gangs, child.personId);
    expect(gangs.golden).not.toHaveProperty('address');
    expect(gangs.golden).not.toHaveProperty('postcode');
    const links = gangs.records.flatMap((record) => (record.link === undefined ? [] : [record.link]));
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      expect(link.levels).not.toHaveProperty('residence');
      expect(link).not.toHaveProperty('score');
    }

    const mase = await client.personView<PersonView>(tokens.mase, child.personId);
    expect(mase.golden).toMatchObject({ address: '9 Synthetic Close', postcode: 'N15 5BB' });
    expect(mase.records.some((record) => record.link?.levels.residence !== undefined)).toBe(true);
  });

  it('still shows a gangs/SGV child’s own postcode: that panel does not protect residence', async () => {
    const gangs = await client.personView<PersonView>(tokens.gangs, gangsOnly.personId);
    expect(gangs.golden).toMatchObject({ postcode: 'E9 6AA' });
  });

  /** The job's final state, or `running` when it is still going after ten seconds. */
  const settled = async (jobId: string): Promise<string> => {
    for (const since = Date.now(); Date.now() - since < 10_000; await new Promise((r) => setTimeout(r, 25))) {
      const job = await client.get(`/v1/jobs/${jobId}`, tokens.analyst, null).expect(200);
      if (job.body.state === 'completed' || job.body.state === 'failed') return job.body.state as string;
    }
    return 'running';
  };

  it('exports no postcode district for a MASE child, whichever panels are exported', async () => {
    const exported = async (panels: string[]) => {
      const started = await client.post('/v1/jobs/export', tokens.analyst, {
        from: '2024-01-01',
        to: '2024-12-31',
        panels,
      });
      expect(started.status).toBe(202);
      expect(await settled(started.body.id)).toBe('completed');
      const text = (await client.get(`/v1/jobs/${started.body.id}/files/export.ndjson`, tokens.analyst, null)).text;
      const records = text
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      return records.filter((r) => r.event_type === 'person-registered');
    };
    const both = await exported(['MASE', 'GANGS-SGV']);
    // The two children, each registered once: the MASE child has no district, the other has hers.
    expect(both.map((r) => r.postcode_district ?? null).sort()).toEqual(['E9', null]);
    const gangsAlone = await exported(['GANGS-SGV']);
    expect(gangsAlone.map((r) => r.postcode_district ?? null).sort()).toEqual(['E9', null]);
  });

  describe('subject access', () => {
    type Report = { maracRedacted: boolean; cases: { caseId: string; panel: string | null }[] };
    const reportOf = async (token: string, query = '') =>
      (await client.get(`/v1/audit/subject-access/${child.personId}${query}`, token, null).expect(200)).body as Report;

    it('redacts the MASE case as a MARAC case is, and leaves the gangs/SGV case as it is', async () => {
      const report = await reportOf(tokens.auditor);
      const text = JSON.stringify(report);
      expect(text).not.toContain(child.maseCaseId);
      expect(text).not.toMatch(/\bMASE\b/);
      expect(report.cases).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ caseId: '[redacted]', panel: '[redacted]' }),
          expect.objectContaining({ caseId: child.gangsCaseId, panel: 'GANGS-SGV' }),
        ]),
      );
    });

    it('keeps MASE redacted for a MARAC member who asks for MARAC content', async () => {
      const report = await reportOf(tokens.maracAuditor, '?redactMarac=false');
      expect(report.maracRedacted).toBe(false);
      expect(JSON.stringify(report)).not.toContain(child.maseCaseId);
      expect(report.cases).toEqual(
        expect.arrayContaining([expect.objectContaining({ caseId: child.gangsCaseId, panel: 'GANGS-SGV' })]),
      );
    });
  });
});
