import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { iomReferral, maracReferral, person } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';

describe('audit trail: read auditing, auditor queries, subject access', () => {
  let api: TestApi;
  let coordinator: string;
  let auditor: string;
  let maracAuditor: string;
  let maracCase: { caseId: string; personId: string };
  let iomCase: { caseId: string; personId: string };

  beforeAll(async () => {
    api = await startTestApi();
    coordinator = await tokenFor(COORDINATOR_ALL_PANELS);
    auditor = await tokenFor({ sub: 'auditor-1', name: 'Ada Auditor', agency: 'Council Audit', roles: ['auditor'] });
    maracAuditor = await tokenFor({ sub: 'auditor-2', agency: 'IDVA Service', roles: ['auditor'], panels: ['MARAC'] });
    const server = api.app.getHttpServer();
    const refer = async (body: object) =>
      (await request(server).post('/v1/referrals').set('Authorization', `Bearer ${coordinator}`).send(body).expect(201))
        .body as { caseId: string; personId: string };
    maracCase = await refer(maracReferral({ person: person({ forenames: 'Tess', surname: 'Trailwood' }) }));
    iomCase = await refer(iomReferral());
  });
  afterAll(async () => {
    await api.close();
  });

  const get = (url: string, token: string, purpose?: string) => {
    const call = request(api.app.getHttpServer()).get(url).set('Authorization', `Bearer ${token}`);
    return purpose === undefined ? call : call.set('X-Purpose', purpose);
  };

  it('refuses a case view without X-Purpose (400 naming the header) and records views with their purpose', async () => {
    const refused = await get(`/v1/cases/${maracCase.caseId}`, coordinator).expect(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'X-Purpose', rule: 'purpose-required' })]);
    await get(`/v1/cases/${maracCase.caseId}`, coordinator, 'safety planning for the MARAC').expect(200);
    await get(`/v1/cases/${maracCase.caseId}/events`, coordinator, 'reviewing the history').expect(200);

    const trail = await get(`/v1/audit/trail?caseId=${maracCase.caseId}&action=case-viewed`, auditor).expect(200);
    expect(trail.body.items).toEqual([
      expect.objectContaining({
        action: 'case-viewed',
        actor: { id: 'coordinator-1', name: 'Casey Coordinator', agency: 'Metropolitan Police' },
        caseId: maracCase.caseId,
        personId: maracCase.personId,
        purpose: 'safety planning for the MARAC',
        access: { via: 'panel', panel: 'MARAC' },
      }),
      expect.objectContaining({
        action: 'case-viewed',
        purpose: 'reviewing the history',
        access: { via: 'panel', panel: 'MARAC' },
      }),
    ]);
    // Only successful views are entries: the refused one is not there.
    expect(trail.body.next).toBeUndefined();
  });

  it('records a cohort name search with its terms and the number of results', async () => {
    const searched = await get('/v1/panels/IOM/cohort?q=marsh', coordinator).expect(200);
    const trail = await get('/v1/audit/trail?action=search&actor=coordinator-1', auditor).expect(200);
    expect(trail.body.items).toEqual([
      expect.objectContaining({
        action: 'search',
        parameters: { q: 'marsh' },
        resultCount: searched.body.total,
        personIds: [iomCase.personId],
      }),
    ]);
    expect(searched.body.total).toBe(1);
  });

  it('answers by person with writes (event types) and reads, paged with next, and as CSV', async () => {
    const first = await get(`/v1/audit/trail?personId=${maracCase.personId}&limit=1`, auditor).expect(200);
    expect(first.body.items).toEqual([
      expect.objectContaining({ action: 'person-registered', kind: 'write', personId: maracCase.personId }),
    ]);
    expect(first.body.next).toEqual(expect.any(String));
    const rest = await get(
      `/v1/audit/trail?personId=${maracCase.personId}&limit=100&cursor=${first.body.next as string}`,
      auditor,
    ).expect(200);
    const actions = (rest.body.items as { action: string }[]).map((i) => i.action);
    expect(actions).toEqual(expect.arrayContaining(['referral-made', 'case-viewed']));
    expect(actions).not.toContain('person-registered');
    expect(rest.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'referral-made', caseId: maracCase.caseId, personId: maracCase.personId }),
      ]),
    );
    // Nothing about the IOM person leaks into the MARAC person's trail.
    expect(JSON.stringify(rest.body)).not.toContain(iomCase.caseId);

    const asCsv = await get(`/v1/audit/trail?personId=${maracCase.personId}`, auditor)
      .set('Accept', 'text/csv')
      .expect(200);
    expect(asCsv.headers['content-type']).toMatch(/^text\/csv/);
    expect(asCsv.text.startsWith('\uFEFF')).toBe(true);
    const lines = asCsv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'position,at,actorId,actorName,actorAgency,action,kind,caseId,personId,purpose,caseIds,personIds,resultCount,parameters,pathParameters,subject,access,stream,eventId,occurredAt,correlationId,revision,refused',
    );
    // A write says when it happened and in which request, as the JSON does.
    const referral = lines.find((line) => line.includes(',referral-made,write,')) ?? '';
    expect(referral).toMatch(/,\d{4}-\d\d-\d\dT[^,]+,[^,]+,0,$/);
    const viewed = lines.find((line) => line.includes(',case-viewed,read,') && line.includes('safety planning'));
    // Which case the read asked for, from its path, as a JSON cell.
    expect(viewed).toContain(`"{""caseId"":""${maracCase.caseId}""}"`);
    // On what footing it was shown: the coordinator's MARAC panel.
    expect(viewed).toContain('"{""via"":""panel"",""panel"":""MARAC""}"');

    const byAgency = await get('/v1/audit/trail?agency=Nobody%20Agency', auditor).expect(200);
    expect(byAgency.body.items).toEqual([]);
    const future = await get('/v1/audit/trail?from=2999-01-01', auditor).expect(200);
    expect(future.body.items).toEqual([]);
    const bad = await get('/v1/audit/trail?from=yesterday&limit=0', auditor).expect(400);
    expect((bad.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['from', 'limit']);
  });

  it('gives a subject access report with cases, reads and disclosures, MARAC references redacted unless a MARAC member asks', async () => {
    const store = api.app.get<EventStore>(EVENT_STORE);
    const now = new Date().toISOString();
    const disclosureId = randomUUID();
    // Shaped as the disclosures route records it, so the disclosures read model can fold it too.
    await store.append(
      `disclosure-${disclosureId}`,
      [
        {
          id: randomUUID(),
          type: 'information-shared',
          data: {
            disclosureId,
            fromAgency: 'IDVA Service',
            toAgency: 'Housing',
            toUser: null,
            personId: maracCase.personId,
            caseId: maracCase.caseId,
            fields: ['address'],
            documents: [],
            purpose: 'Safeguarding a victim at risk',
            lawfulBasis: { regime: 'uk-gdpr', article6: 'e' },
            dsaId: randomUUID(),
            consent: { given: true },
            expiresAt: null,
            occurredAt: now,
          },
          metadata: {
            actor: { id: 'idva-1', name: 'Ivy Advocate', agency: 'IDVA Service', roles: ['practitioner'] },
            correlationId: 'c-1',
            causationId: 'c-1',
            occurredAt: now,
            recordedAt: now,
            schemaVersion: 1,
          },
        },
      ],
      { expected: 'no-stream' },
    );
    const full = await get(`/v1/audit/subject-access/${maracCase.personId}?redactMarac=false`, maracAuditor).expect(
      200,
    );
    expect(full.body.maracRedacted).toBe(false);
    expect(full.body.person.events.length).toBeGreaterThan(0);
    expect(full.body.cases).toEqual([
      expect.objectContaining({ caseId: maracCase.caseId, panel: 'MARAC', events: expect.any(Array) }),
    ]);
    expect(full.body.reads.map((r: { action: string }) => r.action)).toContain('case-viewed');
    expect(full.body.disclosures).toEqual([
      expect.objectContaining({ action: 'information-shared', data: expect.objectContaining({ toAgency: 'Housing' }) }),
    ]);

    // Redacted unless a MARAC member asks otherwise: by default, on request, and for an auditor
    // off the MARAC panel who asks for MARAC content (told so by maracRedacted, not refused).
    for (const [query, token] of [
      ['', maracAuditor],
      ['?redactMarac=true', auditor],
      ['?redactMarac=false', auditor],
    ] as const) {
      const redacted = await get(`/v1/audit/subject-access/${maracCase.personId}${query}`, token).expect(200);
      const text = JSON.stringify(redacted.body);
      expect({ query, leaksCase: text.includes(maracCase.caseId), leaksPanel: text.includes('"MARAC"') }).toEqual({
        query,
        leaksCase: false,
        leaksPanel: false,
      });
      expect(redacted.body.maracRedacted).toBe(true);
      expect(redacted.body.disclosures[0].data.toAgency).toBe('Housing');
    }

    await get('/v1/audit/subject-access/00000000-0000-4000-8000-000000000000', auditor).expect(404);
    await get(`/v1/audit/subject-access/${maracCase.personId}?redactMarac=maybe`, auditor).expect(400);
    // The report itself is an export in the trail.
    const exports = await get('/v1/audit/trail?action=export&actor=auditor-1', auditor).expect(200);
    expect(exports.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ subject: 'subject-access', personId: maracCase.personId })]),
    );
  });

  it('keeps the trail from non-auditors and case content from auditors', async () => {
    await get('/v1/audit/trail', coordinator).expect(403);
    await get(`/v1/audit/subject-access/${maracCase.personId}`, coordinator).expect(403);
    await get(`/v1/cases/${maracCase.caseId}`, auditor, 'audit').expect(403);
    await get(`/v1/cases/${maracCase.caseId}/events`, auditor, 'audit').expect(403);
    await get('/v1/panels/MARAC/cohort', auditor).expect(403);
  });
});
