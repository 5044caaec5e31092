/**
 * An entry about a person alone belongs to the panel its discloser acted for. A MARAC officer's
 * decision not to share where a victim lives must not reach the IOM members (of any agency) who
 * also hold a case on her: her having a case on their panel is not a need to know MARAC's reasons.
 */
import { randomUUID } from 'node:crypto';
import { iomReferral, maracReferral, person } from './support/referrals';
import { apiForSuite } from './support/api-suite';
import type { TestUser } from './support/tokens';
import { PUBLIC_TASK } from './support/sharing';

const ADMIN: TestUser = { sub: 'ig-dp', agency: 'Partnership Information Governance', roles: ['admin'] };
const MARAC_OFFICER: TestUser = {
  sub: 'police-marac-dp',
  name: 'Robin Marac',
  agency: 'Metropolitan Police',
  roles: ['coordinator'],
  panels: ['MARAC'],
};
const FIRE_ON_MARAC: TestUser = {
  sub: 'fire-marac-dp',
  agency: 'London Fire Brigade',
  roles: ['practitioner'],
  panels: ['MARAC'],
};
/** Another agency on IOM, holding an IOM case on the same woman. */
const PROBATION_IOM: TestUser = {
  sub: 'probation-iom-dp',
  agency: 'Probation',
  roles: ['coordinator'],
  panels: ['IOM'],
};
const POLICE_IOM: TestUser = {
  sub: 'police-iom-dp',
  agency: 'Metropolitan Police',
  roles: ['practitioner'],
  panels: ['IOM'],
};
const POLICE_BOTH: TestUser = {
  sub: 'police-both-dp',
  agency: 'Metropolitan Police',
  roles: ['coordinator'],
  panels: ['MARAC', 'IOM'],
};
/** The would-be recipient, on no panel: a share is its record of what it received. */
const COUNCIL: TestUser = { sub: 'council-dp', agency: 'Haringey Council', roles: ['practitioner'] };
const AUDITOR: TestUser = { sub: 'auditor-dp', agency: 'ICO liaison', roles: ['auditor'] };
const REFUGE = 'Victim in refuge at Elm House since March';

describe('disclosure register: an entry about a person alone is for the panel its discloser acted for', () => {
  const { client, tokens } = apiForSuite({
    ADMIN,
    MARAC_OFFICER,
    FIRE_ON_MARAC,
    PROBATION_IOM,
    POLICE_IOM,
    POLICE_BOTH,
    COUNCIL,
    AUDITOR,
  });
  type User = keyof typeof tokens;
  let victimId: string;
  let maracCaseId: string;
  let iomOnlyPersonId: string;
  let dsaId: string;

  const byId = (user: User, id: string) => client.get(`/v1/disclosures/${id}`, tokens[user]);
  const idsSeen = async (user: User, query = '') => {
    const response = await client.get(`/v1/disclosures?${query}`, tokens[user]);
    expect(response.status).toBe(200);
    return (response.body.items as { disclosureId: string }[]).map((i) => i.disclosureId);
  };
  const revoke = (user: User, id: string) =>
    client.post(`/v1/disclosures/${id}/revoke`, tokens[user], { reason: 'tidying up' });
  const withhold = (user: User, body: Record<string, unknown>) =>
    client.post('/v1/disclosures/withheld', tokens[user], {
      toAgency: 'Haringey Council',
      dsaId,
      personId: victimId,
      fields: ['address', 'postcode'],
      purpose: 'The council asked where she lives',
      reason: REFUGE,
      ...body,
    });
  const share = (user: User, body: Record<string, unknown>) =>
    client.post('/v1/disclosures', tokens[user], {
      toAgency: 'Haringey Council',
      personId: victimId,
      fields: ['name'],
      purpose: 'Housing safety planning',
      lawfulBasis: PUBLIC_TASK,
      dsaId,
      consent: { given: true },
      ...body,
    });
  /** Whoever may know of an entry, and whoever may not, by id and in the register. */
  const expectKnownTo = async (id: string, known: readonly User[], unknown: readonly User[]) => {
    for (const user of known) {
      const seen = (await idsSeen(user, `personId=${victimId}`)).includes(id);
      expect({ user, seen, status: (await byId(user, id)).status }).toEqual({ user, seen: true, status: 200 });
    }
    for (const user of unknown) {
      const seen = (await idsSeen(user)).includes(id);
      const one = await byId(user, id);
      expect({ user, seen, status: one.status }).toEqual({ user, seen: false, status: 404 });
      expect(JSON.stringify(one.body)).not.toContain('refuge');
    }
  };

  beforeAll(async () => {
    const her = person({ forenames: 'Lena', surname: 'Achterberg', dateOfBirth: '1989-07-11' });
    const marac = await client.refer(tokens.MARAC_OFFICER, maracReferral({ person: her }));
    maracCaseId = marac.caseId;
    victimId = marac.personId;
    const iom = await client.refer(tokens.PROBATION_IOM, iomReferral({}, { person: her }));
    expect(iom.personId).toBe(victimId);
    iomOnlyPersonId = (await client.refer(tokens.PROBATION_IOM, iomReferral())).personId;
    const signed = await client.post('/v1/sharing-agreements', tokens.ADMIN, {
      title: 'Police and council safeguarding DSA',
      parties: ['Metropolitan Police', 'Haringey Council'],
      purpose: 'Safeguarding adults at risk',
      lawfulBasis: PUBLIC_TASK,
      reviewDate: '2030-04-01',
      inForceFrom: '2024-04-01',
    });
    expect(signed.status).toBe(201);
    dsaId = signed.body.dsaId;
  });

  it('keeps a MARAC decision not to share about her from IOM members who hold a case on her, and shows it to MARAC', async () => {
    const withheld = await withhold('MARAC_OFFICER', { panel: 'MARAC' });
    expect(withheld.status).toBe(201);
    const id = withheld.body.disclosureId as string;
    await expectKnownTo(
      id,
      ['FIRE_ON_MARAC', 'MARAC_OFFICER', 'POLICE_BOTH', 'AUDITOR', 'ADMIN'],
      ['PROBATION_IOM', 'POLICE_IOM'],
    );
    const entry = await byId('FIRE_ON_MARAC', id);
    expect(entry.body).toMatchObject({ panel: 'MARAC', reason: REFUGE, caseId: null });
    // Nor may the IOM police officer, of the disclosing agency, learn of it through a revocation.
    expect((await revoke('POLICE_IOM', id)).status).toBe(404);
  });

  it('scopes a share about her alone to the discloser’s panel and the recipient', async () => {
    const shared = await share('MARAC_OFFICER', { panel: 'marac' });
    expect(shared.status).toBe(201);
    const id = shared.body.disclosureId as string;
    await expectKnownTo(id, ['FIRE_ON_MARAC', 'COUNCIL', 'AUDITOR'], ['PROBATION_IOM', 'POLICE_IOM']);
    // The recipient agency sits on no panel: the word MARAC would tell it she is known to MARAC.
    const toCouncil = await client.get(`/v1/disclosures?personId=${victimId}`, tokens.COUNCIL);
    const listed = (toCouncil.body.items as { disclosureId: string }[]).find((i) => i.disclosureId === id);
    expect(listed).not.toHaveProperty('panel');
    expect((await byId('COUNCIL', id)).body).not.toHaveProperty('panel');
    for (const user of ['FIRE_ON_MARAC', 'MARAC_OFFICER', 'AUDITOR'] as const)
      expect({ user, panel: (await byId(user, id)).body.panel }).toEqual({ user, panel: 'MARAC' });
    expect((await revoke('POLICE_IOM', id)).status).toBe(404);
  });

  it('takes the panel of an entry about a case from the case', async () => {
    const withheld = await withhold('MARAC_OFFICER', { personId: undefined, caseId: maracCaseId });
    expect(withheld.status).toBe(201);
    const entry = await byId('AUDITOR', withheld.body.disclosureId as string);
    expect(entry.body).toMatchObject({ panel: 'MARAC', caseId: maracCaseId });
  });

  it('refuses a missing, blank, foreign or mismatched panel with a 400 naming `panel` and the rule, recording nothing', async () => {
    const attempts: [User, Record<string, unknown>, string][] = [
      ['MARAC_OFFICER', {}, 'panel-required'],
      ['MARAC_OFFICER', { panel: 'IOM' }, 'panel-member'],
      ['MARAC_OFFICER', { personId: undefined, caseId: maracCaseId, panel: 'IOM' }, 'panel-of-case'],
      ['MARAC_OFFICER', { panel: '   ' }, 'not-blank'],
      ['MARAC_OFFICER', { personId: undefined, caseId: maracCaseId, panel: ' ' }, 'not-blank'],
      ['POLICE_BOTH', { personId: iomOnlyPersonId, panel: 'MARAC' }, 'panel-has-case-for-person'],
    ];
    for (const [user, body, rule] of attempts) {
      for (const send of [withhold, share]) {
        const disclosureId = randomUUID();
        const refused = await send(user, { ...body, disclosureId });
        expect({ rule, status: refused.status }).toEqual({ rule, status: 400 });
        expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'panel', rule })]);
        expect((await byId('ADMIN', disclosureId)).status).toBe(404);
      }
    }
  });
});
