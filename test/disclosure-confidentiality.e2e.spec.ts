import request from 'supertest';
import { maracReferral, person } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { tokenFor, type TestUser } from './support/tokens';
import { POLICE_PROBATION_DSA, PUBLIC_TASK } from './support/sharing';

const ADMIN: TestUser = { sub: 'ig-dc', agency: 'Partnership Information Governance', roles: ['admin'] };
const POLICE: TestUser = { sub: 'police-dc', agency: 'Metropolitan Police', roles: ['coordinator'], panels: ['MARAC'] };
const POLICE_COLLEAGUE: TestUser = { ...POLICE, sub: 'police-dc-2', roles: ['practitioner'] };
const PROBATION: TestUser = { sub: 'probation-dc', agency: 'Probation', roles: ['coordinator'], panels: ['IOM'] };
const AUDITOR: TestUser = { sub: 'auditor-dc', agency: 'ICO liaison', roles: ['auditor'] };

describe('disclosures: who may know of a decision not to share, what reading one leaves, which bases stand', () => {
  let api: TestApi;
  const tokens = new Map<TestUser, string>();
  let caseId: string;
  let victimId: string;
  let dsaId: string;
  let withheldId: string;
  let sharedId: string;

  const call = (user: TestUser, method: 'get' | 'post', url: string, body?: object) => {
    const r = request(api.app.getHttpServer())
      [method](url)
      .set('Authorization', `Bearer ${tokens.get(user) ?? ''}`);
    return method === 'post' ? r.send(body) : r;
  };
  const disclose = (body: Record<string, unknown>) =>
    call(POLICE, 'post', '/v1/disclosures', {
      toAgency: 'Probation',
      caseId,
      fields: ['name', 'dateOfBirth'],
      purpose: 'Offender manager checking who the victim is',
      lawfulBasis: PUBLIC_TASK,
      dsaId,
      consent: { given: false, justification: 'Asking would put the victim at risk' },
      ...body,
    });
  const register = async (user: TestUser, query: string) =>
    (await call(user, 'get', `/v1/disclosures?${query}`).expect(200)).body.items as {
      disclosureId: string;
      kind: string;
    }[];

  beforeAll(async () => {
    api = await startTestApi();
    for (const user of [ADMIN, POLICE, POLICE_COLLEAGUE, PROBATION, AUDITOR]) tokens.set(user, await tokenFor(user));
    const referral = await call(
      POLICE,
      'post',
      '/v1/referrals',
      maracReferral({ person: person({ forenames: 'Efua', surname: 'Quaye', dateOfBirth: '1990-03-03' }) }),
    ).expect(201);
    caseId = referral.body.caseId;
    victimId = referral.body.personId;
    dsaId = (await call(ADMIN, 'post', '/v1/sharing-agreements', POLICE_PROBATION_DSA).expect(201)).body.dsaId;
    withheldId = (
      await call(POLICE, 'post', '/v1/disclosures/withheld', {
        toAgency: 'Probation',
        dsaId,
        caseId,
        fields: ['address', 'postcode'],
        purpose: 'Probation asked where the victim lives',
        reason: 'Victim in refuge; perpetrator supervised by the recipient',
      }).expect(201)
    ).body.disclosureId;
    sharedId = (await disclose({}).expect(201)).body.disclosureId;
  });
  afterAll(async () => {
    await api.close();
  });

  it('keeps a decision not to share from the agency it was about, in the register and by id', async () => {
    for (const query of [`personId=${victimId}`, `caseId=${caseId}`, 'kind=withheld', 'agency=Probation', '']) {
      const ids = (await register(PROBATION, query)).map((i) => i.disclosureId);
      expect(ids).not.toContain(withheldId);
    }
    expect((await register(PROBATION, `caseId=${caseId}`)).map((i) => i.disclosureId)).toEqual([sharedId]);
    const byId = await call(PROBATION, 'get', `/v1/disclosures/${withheldId}`).expect(404);
    const unknown = await call(PROBATION, 'get', '/v1/disclosures/00000000-0000-4000-8000-000000000000').expect(404);
    expect(byId.body.rule).toBe(unknown.body.rule);
    expect(JSON.stringify(byId.body)).not.toContain('refuge');
    await call(PROBATION, 'get', `/v1/disclosures/${sharedId}`).expect(200);
  });

  it('answers its revocation by the agency it was about as if there were no such entry', async () => {
    const revoke = (id: string) =>
      call(PROBATION, 'post', `/v1/disclosures/${id}/revoke`, { reason: 'no longer needed' });
    const withheld = await revoke(withheldId).expect(404);
    const unknown = await revoke('00000000-0000-4000-8000-000000000000').expect(404);
    const { correlationId: _a, ...shown } = withheld.body as Record<string, unknown>;
    const { correlationId: _b, ...unknownShown } = unknown.body as Record<string, unknown>;
    expect(shown).toEqual(unknownShown);
  });

  it('shows it to the disclosing agency, auditors and admins', async () => {
    for (const user of [POLICE_COLLEAGUE, AUDITOR, ADMIN]) {
      expect((await register(user, `caseId=${caseId}`)).map((i) => i.kind)).toEqual(['withheld', 'shared']);
      const one = await call(user, 'get', `/v1/disclosures/${withheldId}`).expect(200);
      expect(one.body).toMatchObject({ kind: 'withheld', reason: expect.stringContaining('refuge') });
    }
  });

  it('records reading one entry in the audit trail, with the person and case it is about', async () => {
    await call(POLICE_COLLEAGUE, 'get', `/v1/disclosures/${withheldId}`).expect(200);
    const trail = await call(AUDITOR, 'get', `/v1/audit/trail?action=search&actor=${POLICE_COLLEAGUE.sub}`).expect(200);
    expect(trail.body.items).toContainEqual(
      expect.objectContaining({
        action: 'search',
        subject: 'disclosure',
        pathParameters: { disclosureId: withheldId },
        caseId,
        personId: victimId,
      }),
    );
  });

  it('refuses a consent-based basis when consent was not given (400 naming the field), recording nothing', async () => {
    const before = (await register(AUDITOR, `caseId=${caseId}&limit=500`)).length;
    const article6 = await disclose({ lawfulBasis: { regime: 'uk-gdpr', article6: 'a-consent' } }).expect(400);
    expect(article6.body.errors).toEqual([
      expect.objectContaining({ field: 'lawfulBasis.article6', rule: 'consent-basis-needs-consent' }),
    ]);
    const part3 = await disclose({ lawfulBasis: { regime: 'dpa-2018-part-3', section35: 'consent' } }).expect(400);
    expect(part3.body.errors).toEqual([
      expect.objectContaining({ field: 'lawfulBasis.section35', rule: 'consent-basis-needs-consent' }),
    ]);
    await disclose({ lawfulBasis: { regime: 'uk-gdpr', article6: 'a-consent' }, consent: { given: true } }).expect(201);
    expect(await register(AUDITOR, `caseId=${caseId}&limit=500`)).toHaveLength(before + 1);
  });

  it('records the Crime and Disorder Act 1998 s115 gateway, and refuses a Schedule 1 condition of the wrong Part', async () => {
    const gateway = await disclose({
      lawfulBasis: { ...PUBLIC_TASK, statutoryGateway: 'crime-and-disorder-act-1998-s115' },
    }).expect(201);
    const entry = await call(AUDITOR, 'get', `/v1/disclosures/${gateway.body.disclosureId as string}`).expect(200);
    expect(entry.body.lawfulBasis).toEqual({ ...PUBLIC_TASK, statutoryGateway: 'crime-and-disorder-act-1998-s115' });
    const mismatch = await disclose({
      lawfulBasis: {
        ...PUBLIC_TASK,
        article9: 'g-substantial-public-interest',
        schedule1: ['para-2-health-or-social-care'],
      },
    }).expect(400);
    expect(mismatch.body.errors).toEqual([
      expect.objectContaining({ field: 'lawfulBasis.schedule1', rule: 'schedule-1-fits-article-9' }),
    ]);
  });
});
