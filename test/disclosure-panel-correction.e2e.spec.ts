/**
 * An old person-only register entry's panel is a guess the register makes (the one panel that
 * fits); an auditor must be able to tell it from a recorded one, and an admin must be able to
 * correct a wrong guess, since who may know of the entry follows its panel.
 */
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { appendLegacyWithheld } from '../libs/information-sharing/src/testing/legacy-entry';
import { iomReferral, maracReferral, person } from './support/referrals';
import { apiForSuite } from './support/api-suite';
import { POLICE_PROBATION_DSA } from './support/sharing';
import type { TestUser } from './support/tokens';

const ADMIN: TestUser = { sub: 'ig-pc', agency: 'Partnership Information Governance', roles: ['admin'] };
const MARAC_OFFICER: TestUser = {
  sub: 'police-marac-pc',
  name: 'Robin Marac',
  agency: 'Metropolitan Police',
  roles: ['coordinator'],
  panels: ['MARAC'],
};
const FIRE_ON_MARAC: TestUser = {
  sub: 'fire-marac-pc',
  agency: 'London Fire Brigade',
  roles: ['practitioner'],
  panels: ['MARAC'],
};
const PROBATION_IOM: TestUser = {
  sub: 'probation-iom-pc',
  agency: 'Probation',
  roles: ['coordinator'],
  panels: ['IOM'],
};
const AUDITOR: TestUser = { sub: 'auditor-pc', agency: 'ICO liaison', roles: ['auditor'] };
const MOVED = 'Recorded at the IOM meeting of 4 March: the minutes name it as IOM’s decision';

describe('disclosure register: inferred panels are marked, and an admin corrects them', () => {
  const { api, client, tokens } = apiForSuite({ ADMIN, MARAC_OFFICER, FIRE_ON_MARAC, PROBATION_IOM, AUDITOR });
  type User = keyof typeof tokens;
  let victimId: string;
  let maracCaseId: string;
  let dsaId: string;

  const entry = (id: string, user: User = 'AUDITOR') => client.get(`/v1/disclosures/${id}`, tokens[user]);
  const legacyWithheld = async (recorder: TestUser, caseId: string | null = null) => {
    const actor = { id: recorder.sub, name: recorder.sub, agency: recorder.agency ?? '', roles: recorder.roles };
    const store = api.app.get<symbol, EventStore>(EVENT_STORE);
    const { disclosureId, position } = await appendLegacyWithheld(store, actor, { personId: victimId, caseId });
    await entry(disclosureId).set('X-Min-Position', String(position)).expect(200);
    return disclosureId;
  };
  const correct = (id: string, body: object, user: User = 'ADMIN') =>
    client.post(`/v1/disclosures/${id}/panel`, tokens[user], body);
  /** A decision not to share about her alone, recorded today for IOM. */
  const iomWithholds = async (reason: string) => {
    const recorded = await client.post('/v1/disclosures/withheld', tokens.PROBATION_IOM, {
      toAgency: 'Haringey Council',
      dsaId,
      personId: victimId,
      panel: 'IOM',
      fields: ['address'],
      purpose: 'The council asked where she lives',
      reason,
    });
    expect(recorded.status).toBe(201);
    return recorded;
  };
  const knows = async (id: string, user: User) => {
    const list = await client.get('/v1/disclosures?limit=500', tokens[user]).expect(200);
    const listed = (list.body.items as { disclosureId: string }[]).some((item) => item.disclosureId === id);
    return { user, listed, byId: (await entry(id, user)).status };
  };

  beforeAll(async () => {
    const her = person({ forenames: 'Maren', surname: 'Oakhurst', dateOfBirth: '1991-02-17' });
    const marac = await client.refer(tokens.MARAC_OFFICER, maracReferral({ person: her }));
    maracCaseId = marac.caseId;
    victimId = marac.personId;
    expect((await client.refer(tokens.PROBATION_IOM, iomReferral({}, { person: her }))).personId).toBe(victimId);
    const signed = await client.post('/v1/sharing-agreements', tokens.ADMIN, {
      ...POLICE_PROBATION_DSA,
      title: 'Probation and council DSA',
      parties: ['Probation', 'Haringey Council'],
    });
    expect(signed.status).toBe(201);
    dsaId = signed.body.dsaId as string;
  });

  it('says which panels were recorded, taken from the case, inferred, or not known', async () => {
    const inferred = await legacyWithheld(MARAC_OFFICER);
    const ofCase = await legacyWithheld(MARAC_OFFICER, maracCaseId);
    const untraced = await legacyWithheld({ sub: 'left-long-ago-pc', agency: 'Metropolitan Police', roles: [] });
    expect((await entry(inferred)).body).toMatchObject({ panel: 'MARAC', panelSource: 'inferred' });
    expect((await entry(inferred, 'FIRE_ON_MARAC')).body).toMatchObject({ panel: 'MARAC', panelSource: 'inferred' });
    expect((await entry(ofCase)).body).toMatchObject({ panel: 'MARAC', panelSource: 'case' });
    expect((await entry(untraced)).body).toMatchObject({ panel: null, panelSource: 'unknown' });
    const recorded = await iomWithholds('Not ours to share');
    const listed = await client.get(`/v1/disclosures?personId=${victimId}&limit=500`, tokens.AUDITOR).expect(200);
    expect(listed.body.items).toContainEqual(
      expect.objectContaining({ disclosureId: recorded.body.disclosureId, panel: 'IOM', panelSource: 'recorded' }),
    );
  });

  it('moves an entry to the panel an admin names: shown as corrected, seen by the new panel, no longer by the old', async () => {
    const id = await legacyWithheld(MARAC_OFFICER);
    expect(await knows(id, 'FIRE_ON_MARAC')).toEqual({ user: 'FIRE_ON_MARAC', listed: true, byId: 200 });
    expect(await knows(id, 'PROBATION_IOM')).toEqual({ user: 'PROBATION_IOM', listed: false, byId: 404 });

    const corrected = await correct(id, { panel: 'iom', reason: MOVED });
    expect({ status: corrected.status, events: corrected.body.events }).toEqual({
      status: 200,
      events: ['disclosure-panel-corrected'],
    });

    expect((await entry(id)).body).toMatchObject({
      panel: 'IOM',
      panelSource: 'corrected',
      panelCorrection: {
        previousPanel: 'MARAC',
        previousPanelSource: 'inferred',
        reason: MOVED,
        correctedBy: expect.objectContaining({ id: ADMIN.sub }),
      },
    });
    expect(await knows(id, 'FIRE_ON_MARAC')).toEqual({ user: 'FIRE_ON_MARAC', listed: false, byId: 404 });
    expect(await knows(id, 'PROBATION_IOM')).toEqual({ user: 'PROBATION_IOM', listed: true, byId: 200 });
    // Its recorder still knows of what they recorded.
    expect(await knows(id, 'MARAC_OFFICER')).toEqual({ user: 'MARAC_OFFICER', listed: true, byId: 200 });

    const trail = await client
      .get(`/v1/audit/trail?personId=${victimId}&action=disclosure-panel-corrected`, tokens.AUDITOR)
      .expect(200);
    expect(trail.body.items).toEqual([
      expect.objectContaining({
        action: 'disclosure-panel-corrected',
        kind: 'write',
        actor: expect.objectContaining({ id: ADMIN.sub }),
        stream: `disclosure-${id}`,
      }),
    ]);
  });

  it('places an entry no panel fitted, and confirms an inferred guess as settled', async () => {
    const untraced = await legacyWithheld({ sub: 'left-long-ago-pc', agency: 'Metropolitan Police', roles: [] });
    expect((await correct(untraced, { panel: 'MARAC', reason: MOVED })).status).toBe(200);
    expect((await entry(untraced, 'FIRE_ON_MARAC')).body).toMatchObject({ panel: 'MARAC', panelSource: 'corrected' });

    const guessed = await legacyWithheld(MARAC_OFFICER);
    const confirmed = await correct(guessed, { panel: 'MARAC', reason: 'Checked against the MARAC minutes' });
    expect(confirmed.status).toBe(200);
    expect((await entry(guessed)).body).toMatchObject({ panel: 'MARAC', panelSource: 'corrected' });
    const again = await correct(guessed, { panel: 'MARAC', reason: 'Checked again' });
    expect({ status: again.status, rule: again.body.rule }).toEqual({ status: 409, rule: 'different-panel' });
  });

  it('judges who may revoke by the corrected panel, also when the entry had recorded one', async () => {
    const recorded = await iomWithholds('Recorded for the wrong panel');
    const id = recorded.body.disclosureId as string;
    const revokeBy = async (user: User) =>
      (await client.post(`/v1/disclosures/${id}/revoke`, tokens[user], { reason: 'x' })).status;
    expect(await revokeBy('FIRE_ON_MARAC')).toBe(404);
    expect((await correct(id, { panel: 'MARAC', reason: MOVED })).status).toBe(200);
    expect((await entry(id)).body).toMatchObject({
      panel: 'MARAC',
      panelSource: 'corrected',
      panelCorrection: { previousPanel: 'IOM', previousPanelSource: 'recorded' },
    });
    // Now told the entry exists, and refused as another agency's (a 404 would still hide it).
    expect(await revokeBy('FIRE_ON_MARAC')).toBe(403);
    expect(await knows(id, 'FIRE_ON_MARAC')).toEqual({ user: 'FIRE_ON_MARAC', listed: true, byId: 200 });
  });

  it('refuses a panel outside the registry or without a case for her, and a missing, blank or overlong reason', async () => {
    const id = await legacyWithheld(MARAC_OFFICER);
    const refusals: [object, string, string][] = [
      [{ panel: 'NOT-A-PANEL', reason: MOVED }, 'panel', 'panel-registered'],
      [{ panel: 'ALLIANCE', reason: MOVED }, 'panel', 'panel-has-case-for-person'],
      [{ panel: '  ', reason: MOVED }, 'panel', 'not-blank'],
      [{ reason: MOVED }, 'panel', 'isString'],
      [{ panel: 'IOM' }, 'reason', 'isNotEmpty'],
      [{ panel: 'IOM', reason: '   ' }, 'reason', 'reason-required'],
      [{ panel: 'IOM', reason: 'x'.repeat(2001) }, 'reason', 'maxLength'],
    ];
    for (const [body, field, rule] of refusals) {
      const refused = await correct(id, body);
      expect({ body, status: refused.status, errors: refused.body.errors }).toEqual({
        body,
        status: 400,
        errors: expect.arrayContaining([expect.objectContaining({ field, rule })]),
      });
    }
    // Nothing was recorded: the entry is still the inferred one.
    expect((await entry(id)).body).toMatchObject({ panel: 'MARAC', panelSource: 'inferred' });
  });

  it('is for admins only, 404 for an unknown entry and 409 for an entry about a case', async () => {
    const id = await legacyWithheld(MARAC_OFFICER);
    for (const user of ['MARAC_OFFICER', 'PROBATION_IOM', 'AUDITOR'] as const)
      expect({ user, status: (await correct(id, { panel: 'IOM', reason: MOVED }, user)).status }).toEqual({
        user,
        status: 403,
      });
    const unknown = await correct('00000000-0000-4000-8000-00000000c0de', { panel: 'IOM', reason: MOVED });
    expect({ status: unknown.status, rule: unknown.body.rule }).toEqual({ status: 404, rule: 'disclosure-exists' });
    const ofCase = await legacyWithheld(MARAC_OFFICER, maracCaseId);
    const conflict = await correct(ofCase, { panel: 'IOM', reason: MOVED });
    expect({ status: conflict.status, rule: conflict.body.rule }).toEqual({ status: 409, rule: 'person-only-entry' });
    expect((await entry(id)).body).toMatchObject({ panel: 'MARAC', panelSource: 'inferred' });
  });
});
