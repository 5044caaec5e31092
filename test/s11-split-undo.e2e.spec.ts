import { apiForSuite } from './support/api-suite';
import { syntheticPnc } from './support/people';
import { iomReferral, maracReferral, person } from './support/referrals';
import { AUDITOR, COORDINATOR_ALL_PANELS } from './support/tokens';

interface Record_ {
  recordId: string;
  caseId?: string;
}

/**
 * A reviewer splits a MARAC victim's IOM record and case off her as her sister's, then finds it
 * was her after all: `restore` on her puts both back, while the split-off person holds only what
 * the split gave them. Synthetic people, staff and addresses.
 */
describe('undoing a split that moved records and cases to a new person', () => {
  const { client, tokens } = apiForSuite({
    all: COORDINATOR_ALL_PANELS,
    maracOnly: { sub: 'marac-only-1', roles: ['coordinator'], panels: ['MARAC'] },
    // Unredacted: the reasons are MARAC's too, as the person holds a MARAC case.
    auditor: { ...AUDITOR, sub: 'auditor-on-marac', panels: ['MARAC'] },
  });
  const ok = async (url: string, body: unknown, status = 200) => {
    const answer = await client.post(url, tokens.all, body);
    expect({ url, status: answer.status, body: answer.body }).toMatchObject({ status });
    return answer.body as Record<string, unknown>;
  };
  const get = async (url: string) => (await client.get(url, tokens.all).expect(200)).body;
  const restore = (token: string, p: string, q: string, reason = 'It was her after all: same GP letter') =>
    client.post(`/v1/people/${p}/split`, token, { reason, restore: q });

  /** She is referred to MARAC (`maracs` times) and to IOM; the IOM record and case are split off her. */
  async function splitInError(forenames: string, serial: number, maracs = 1) {
    const her = person({ forenames, surname: 'Penhallow', dateOfBirth: '1991-05-05', postcode: 'E8 3QT' });
    const marac = [];
    for (let i = 0; i < maracs; i++)
      marac.push(await client.refer(tokens.all, maracReferral({ person: her }, { perpetrator: undefined })));
    const pnc = syntheticPnc(serial);
    const iom = await client.refer(
      tokens.all,
      iomReferral({}, { person: { ...her, identifiers: { pnc } }, referredAt: '2024-05-03T10:00:00Z' }),
    );
    const p = iom.personId;
    expect(marac.map((m) => m.personId)).toEqual(marac.map(() => p));
    const records = (await get(`/v1/people/${p}`)).records as Record_[];
    const moved = (caseIds: string[]) => records.filter((r) => caseIds.includes(r.caseId ?? '')).map((r) => r.recordId);
    return { p, pnc, her, iom, marac, moved };
  }

  const views = async (iomCase: string, maracCase: string, meetings: { iom: string; marac: string }) => {
    const tracker = async (panel: string, caseId: string) =>
      ((await get(`/v1/panels/${panel}/cohort?limit=500`)).items as { caseId: string; personId: string }[]).find(
        (i) => i.caseId === caseId,
      )?.personId;
    const agenda = async (meetingId: string) =>
      JSON.stringify(await get(`/v1/meetings/${meetingId}/agenda`)).match(/"personId":"([^"]+)"/)?.[1];
    const overlaps = (await get('/v1/people/overlaps?limit=500')).items as { personId: string; panels: string[] }[];
    return {
      caseIom: (await get(`/v1/cases/${iomCase}`)).personId,
      caseMarac: (await get(`/v1/cases/${maracCase}`)).personId,
      trackerIom: await tracker('IOM', iomCase),
      trackerMarac: await tracker('MARAC', maracCase),
      agendaIom: await agenda(meetings.iom),
      agendaMarac: await agenda(meetings.marac),
      overlaps: overlaps.map((o) => [o.personId, o.panels]),
    };
  };

  it('puts the record and case back: every view shows her again, the split-off person is nobody, the audit trail and report say who', async () => {
    const { p, iom, marac, moved } = await splitInError('Carla', 7101);
    const meetings = {
      iom: (await ok('/v1/meetings', { panel: 'IOM', scheduledFor: '2027-01-10T10:00:00Z', chair: 'C' }, 201))
        .meetingId as string,
      marac: (await ok('/v1/meetings', { panel: 'MARAC', scheduledFor: '2027-01-10T10:00:00Z', chair: 'C' }, 201))
        .meetingId as string,
    };
    await ok(`/v1/meetings/${meetings.iom}/cases`, { caseId: iom.caseId, agencyRequests: [] }, 201);
    await ok(`/v1/meetings/${meetings.marac}/cases`, { caseId: marac[0]?.caseId, agencyRequests: [] }, 201);
    const maracCase = marac[0]?.caseId as string;
    const split = await ok(`/v1/people/${p}/split`, {
      reason: 'The IOM nominal is her sister',
      recordIds: moved([iom.caseId]),
      caseIds: [iom.caseId],
    });
    const q = split.intoPersonId as string;
    expect((await views(iom.caseId, maracCase, meetings)).caseIom).toBe(q);

    const restored = await restore(tokens.all, p, q);
    expect({ status: restored.status, body: restored.body }).toMatchObject({
      status: 200,
      body: { personId: q, intoPersonId: p },
    });
    expect(await views(iom.caseId, maracCase, meetings)).toEqual({
      caseIom: p,
      caseMarac: p,
      trackerIom: p,
      trackerMarac: p,
      agendaIom: p,
      agendaMarac: p,
      overlaps: [[p, ['IOM', 'MARAC']]],
    });
    const view = await get(`/v1/people/${p}`);
    expect((view.cases as { caseId: string }[]).map((c) => c.caseId).sort()).toEqual([iom.caseId, maracCase].sort());
    expect((view.records as Record_[]).map((r) => r.recordId)).toEqual(expect.arrayContaining(moved([iom.caseId])));
    await client.get(`/v1/people/${q}`, tokens.all).expect(404);

    // The trail names who restored whom; the report has the event, its reason held for review as any split's.
    const by = expect.objectContaining({ id: 'coordinator-1', name: 'Casey Coordinator' });
    const trail = await client.get(`/v1/audit/trail?personId=${p}&action=person-split`, tokens.auditor, null);
    expect((trail.body.items as { actor: unknown; personIds: string[] }[]).map((e) => [e.personIds, e.actor])).toEqual([
      [[p, q], by],
      [[q, p], by],
    ]);
    const report = await client.get(`/v1/audit/subject-access/${p}?redactMarac=false`, tokens.auditor, null);
    const splits = (report.body.person.events as { type: string; data: Record<string, unknown>; recordedBy: unknown }[])
      .filter((e) => e.type === 'person-split')
      .map((e) => ({ into: e.data.intoPersonId, by: e.recordedBy, reason: typeof e.data.reason }));
    expect(splits).toEqual([
      { into: expect.any(String), by, reason: 'string' },
      { into: p, by, reason: 'string' },
    ]);
    // Undone once, there is nothing left to restore.
    expect((await restore(tokens.all, p, q)).body).toMatchObject({ rule: 'person-holds-nothing' });
  });

  it('refuses once a later referral linked a record to the split-off person, naming what to do', async () => {
    const { p, pnc, her, iom, moved } = await splitInError('Demelza', 7102);
    const split = await ok(`/v1/people/${p}/split`, {
      reason: 'The IOM nominal is her sister',
      recordIds: moved([iom.caseId]),
      caseIds: [iom.caseId],
    });
    const q = split.intoPersonId as string;
    // Her sister's PNC ID takes this referral to the split-off person, not to her.
    const later = await client.refer(
      tokens.all,
      maracReferral({ person: { ...her, identifiers: { pnc } } }, { perpetrator: undefined }),
    );
    expect(later.personId).toBe(q);
    const refused = await restore(tokens.all, p, q);
    expect({ status: refused.status, body: refused.body }).toMatchObject({
      status: 400,
      body: { rule: 'restore-only-what-the-split-moved' },
    });
    expect(refused.body.message).toContain('split what is not this person');
    expect((await get(`/v1/cases/${iom.caseId}`)).personId).toBe(q);
  });

  it('refuses a coordinator whose panels did not hold what the split moved (403 split-within-your-panels)', async () => {
    const { p, iom, moved } = await splitInError('Morwenna', 7103);
    const split = await ok(`/v1/people/${p}/split`, {
      reason: 'The IOM nominal is her sister',
      recordIds: moved([iom.caseId]),
      caseIds: [iom.caseId],
    });
    const q = split.intoPersonId as string;
    const refused = await restore(tokens.maracOnly, p, q);
    expect({ status: refused.status, body: refused.body }).toMatchObject({
      status: 403,
      body: { rule: 'split-within-your-panels' },
    });
    expect((await get(`/v1/cases/${iom.caseId}`)).personId).toBe(q);
    // A coordinator whose panels hold the record and case may, as they could have made the split.
    expect((await restore(tokens.all, p, q)).status).toBe(200);
    expect((await get(`/v1/cases/${iom.caseId}`)).personId).toBe(p);
  });

  it('records one of a restore and a split of the split-off person sent at once: the other is refused as if sent after it', async () => {
    const { p, marac, moved } = await splitInError('Tamsin', 7104, 2);
    const [first, second] = marac.map((m) => m.caseId);
    const split = await ok(`/v1/people/${p}/split`, {
      reason: 'Both MARAC referrals were her sister',
      recordIds: moved([first as string, second as string]),
      caseIds: [first, second],
    });
    const q = split.intoPersonId as string;
    const both = await Promise.all([
      restore(tokens.all, p, q),
      client.post(`/v1/people/${q}/split`, tokens.all, {
        reason: 'The second referral was a third sister',
        recordIds: moved([second as string]),
        caseIds: [second],
      }),
    ]);
    // They take turns: restored first, the split-off person is nobody (404); split first, she no
    // longer holds all the restore would take back (400).
    const answers = both.map((r) => (r.status === 200 ? '200' : `${r.status} ${r.body.rule as string}`)).sort();
    expect([
      ['200', '404 person-exists'],
      ['200', '400 restore-only-what-the-split-moved'],
    ]).toContainEqual(answers);
    const holders = [(await get(`/v1/cases/${first}`)).personId, (await get(`/v1/cases/${second}`)).personId];
    // Either both went back to her, or the second moved on and the first stayed with the split-off person.
    expect([
      [p, p],
      [q, expect.not.stringMatching(new RegExp(`^(${p}|${q})$`))],
    ]).toContainEqual(holders);
  });
});
