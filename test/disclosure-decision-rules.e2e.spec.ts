/**
 * The rules a sharing decision is recorded under (information-sharing review s14, findings 3, 5,
 * 7 and 8): a decision not to share names a real agreement and one of its parties, or a variant
 * spelling of the would-be recipient hands it the very reason it was kept from; entries are dated
 * when they happened, not ahead, and a revocation not before what it revokes; refusing because
 * she said no needs no "justification for sharing"; and a lawful basis is coherent in law.
 */
import request from 'supertest';
import { maracReferral, person } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { sharingClient, sharingUsers } from './support/sharing';
import { tokenFor, type TestUser } from './support/tokens';

const { ADMIN, MARAC_C: MARAC_OFFICER, PROBATION_ON_MARAC, AUDITOR } = sharingUsers('ddr');
const USERS = [ADMIN, MARAC_OFFICER, PROBATION_ON_MARAC, AUDITOR];
const REFUGE = 'She is in refuge at Elm House; the perpetrator is on licence to Probation';

describe('disclosure decisions: agreement, dates, consent and lawful basis', () => {
  let api: TestApi;
  let baseUrl: string;
  const tokens = new Map<TestUser, string>();
  let caseId: string;
  let dsaId: string;

  const sharing = sharingClient({
    baseUrl: () => baseUrl,
    tokens,
    admin: ADMIN,
    discloser: MARAC_OFFICER,
    readYourWrites: true,
  });
  const call = sharing.send;
  const sign = (extra: Record<string, unknown> = {}) =>
    sharing.sign(['Metropolitan Police', 'Probation'], { title: 'Police and Probation DSA', ...extra });
  const share = (body: Record<string, unknown> = {}) =>
    sharing.share(caseId, dsaId, { toAgency: 'Probation', ...body });
  const withhold = (body: Record<string, unknown> = {}) =>
    call(MARAC_OFFICER, 'post', '/v1/disclosures/withheld', {
      toAgency: 'Probation',
      dsaId,
      caseId,
      fields: ['address'],
      purpose: 'Probation asked where she lives',
      reason: REFUGE,
      ...body,
    });
  const refusal = (response: request.Response) => ({
    status: response.status,
    errors: (response.body.errors as { field: string; rule: string }[] | undefined)?.map(({ field, rule }) => ({
      field,
      rule,
    })),
  });
  const register = async () => {
    const page = await call(AUDITOR, 'get', `/v1/disclosures?caseId=${caseId}&limit=500`);
    expect(page.status).toBe(200);
    return page.body.items as { disclosureId: string; purpose: string }[];
  };

  beforeAll(async () => {
    api = await startTestApi();
    await api.app.listen(0, '127.0.0.1');
    baseUrl = await api.app.getUrl();
    for (const user of USERS) tokens.set(user, await tokenFor(user));
    const marac = await call(
      MARAC_OFFICER,
      'post',
      '/v1/referrals',
      maracReferral({ person: person({ forenames: 'Abena', surname: 'Owusu', dateOfBirth: '1991-03-01' }) }),
    );
    expect(marac.status).toBe(201);
    caseId = marac.body.caseId;
    const signed = await sign();
    expect(signed.status).toBe(201);
    dsaId = signed.body.dsaId;
  });
  afterAll(async () => {
    await api.close();
  });

  describe('a decision not to share under an agreement', () => {
    it('refuses an agreement that does not exist: 422 dsa-exists naming dsaId, nothing recorded', async () => {
      const before = (await register()).length;
      const r = await withhold({ dsaId: '00000000-0000-4000-8000-00000000dead' });
      expect({ status: r.status, rule: r.body.rule, errors: refusal(r).errors }).toEqual({
        status: 422,
        rule: 'dsa-exists',
        errors: [{ field: 'dsaId', rule: 'dsa-exists' }],
      });
      expect((await register()).length).toBe(before);
    });

    it('refuses a recipient the agreement does not have, so a variant spelling cannot carry the reason to it', async () => {
      const r = await withhold({ toAgency: 'National Probation Service', dsaId, purpose: 'variant spelling' });
      expect({ status: r.status, rule: r.body.rule, errors: refusal(r).errors }).toEqual({
        status: 422,
        rule: 'dsa-includes-both-parties',
        errors: [{ field: 'toAgency', rule: 'dsa-includes-both-parties' }],
      });
      expect((await register()).map((e) => e.purpose)).not.toContain('variant spelling');
    });

    it('records one to a party, spelt as people spell it, and it stays hidden from that party', async () => {
      const r = await withhold({ toAgency: '  probation ', dsaId });
      expect(r.status).toBe(201);
      const seen = await call(PROBATION_ON_MARAC, 'get', `/v1/disclosures/${r.body.disclosureId as string}`);
      expect(seen.status).toBe(404);
    });

    it('records one under an agreement that has lapsed: a refusal may follow the lapse', async () => {
      const lapsed = await sign({ inForceTo: '2024-12-31' });
      expect(lapsed.status).toBe(201);
      expect((await withhold({ dsaId: lapsed.body.dsaId })).status).toBe(201);
    });
  });

  it('records a decision not to share because she refused consent, with no justification asked', async () => {
    const r = await withhold({
      fields: ['safeContactNumber'],
      purpose: 'Probation asked for her safe number',
      reason: 'She refused consent and the risk does not justify sharing without it',
      consent: { given: false },
    });
    expect(refusal(r)).toEqual({ status: 201, errors: undefined });
    const entry = await call(AUDITOR, 'get', `/v1/disclosures/${r.body.disclosureId as string}`);
    expect(entry.body.consent).toEqual({ given: false });
  });

  describe('dates', () => {
    const inAYear = () => new Date(Date.now() + 365 * 24 * 3600_000).toISOString();

    it('refuses a share or a decision not to share dated in the future: 400 naming occurredAt', async () => {
      const before = (await register()).length;
      for (const r of [await share({ occurredAt: inAYear() }), await withhold({ occurredAt: inAYear() })])
        expect(refusal(r)).toEqual({
          status: 400,
          errors: [{ field: 'occurredAt', rule: 'disclosure-not-in-future' }],
        });
      expect((await register()).length).toBe(before);
    });

    it('accepts one a minute ahead of the server clock (a device clock may run fast)', async () => {
      const aMinuteAhead = new Date(Date.now() + 60_000).toISOString();
      expect((await share({ occurredAt: aMinuteAhead })).status).toBe(201);
    });

    it('refuses a revocation dated before the disclosure it revokes: 400 naming occurredAt, still open', async () => {
      const shared = await share({ occurredAt: '2024-06-01T10:00:00Z' });
      expect(shared.status).toBe(201);
      const id = shared.body.disclosureId as string;
      const early = await call(MARAC_OFFICER, 'post', `/v1/disclosures/${id}/revoke`, {
        reason: 'Shared in error',
        occurredAt: '2024-05-01T10:00:00Z',
      });
      expect(refusal(early)).toEqual({
        status: 400,
        errors: [{ field: 'occurredAt', rule: 'revoked-after-disclosure' }],
      });
      expect((await call(AUDITOR, 'get', `/v1/disclosures/${id}`)).body.revokedAt).toBeNull();
      const later = await call(MARAC_OFFICER, 'post', `/v1/disclosures/${id}/revoke`, {
        reason: 'Shared in error',
        occurredAt: '2024-06-01T10:00:00Z',
      });
      expect(later.status).toBe(200);
    });
  });

  describe('lawful basis', () => {
    const schedule1Alone = {
      regime: 'uk-gdpr',
      article6: 'e-public-task',
      schedule1: ['para-18-safeguarding-children-and-individuals-at-risk'],
    };
    const schedule8NotSensitive = {
      regime: 'dpa-2018-part-3',
      section35: 'law-enforcement-task',
      sensitiveProcessing: false,
      schedule8: 'para-4-safeguarding-children-and-individuals-at-risk',
    };

    it('refuses a Schedule 1 condition with neither an Art. 9 condition nor Art. 10 data, on a disclosure and a DSA', async () => {
      const expected = {
        status: 400,
        errors: [{ field: 'lawfulBasis.schedule1', rule: 'schedule-1-needs-article-9-or-10' }],
      };
      expect(refusal(await share({ lawfulBasis: schedule1Alone }))).toEqual(expected);
      expect(refusal(await sign({ lawfulBasis: schedule1Alone }))).toEqual(expected);
      expect((await share({ lawfulBasis: { ...schedule1Alone, article10: true } })).status).toBe(201);
    });

    it('refuses a Schedule 8 condition for processing not declared sensitive, on a disclosure and a DSA', async () => {
      const expected = {
        status: 400,
        errors: [{ field: 'lawfulBasis.schedule8', rule: 'schedule-8-needs-sensitive-processing' }],
      };
      expect(refusal(await share({ lawfulBasis: schedule8NotSensitive }))).toEqual(expected);
      expect(refusal(await sign({ lawfulBasis: schedule8NotSensitive }))).toEqual(expected);
      const { sensitiveProcessing: _, ...undeclared } = schedule8NotSensitive;
      expect(refusal(await share({ lawfulBasis: undeclared }))).toEqual(expected);
      expect((await share({ lawfulBasis: { ...schedule8NotSensitive, sensitiveProcessing: true } })).status).toBe(201);
    });
  });
});
