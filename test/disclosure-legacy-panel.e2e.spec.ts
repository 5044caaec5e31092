/**
 * Entries recorded before the register kept the discloser's panel. A person-only decision not to
 * share ("she is in refuge") must still reach the colleagues of the panel it was made for, or one
 * of them may share exactly what was withheld. The panel is inferred from the log when only one
 * fits: a panel the recorder had acted on a case of, with a case for the person, both before the
 * entry. When none or several fit, the entry stays with its recorder, auditors and admins.
 */
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { appendLegacyWithheld, LEGACY_REASON as REFUGE } from '../libs/information-sharing/src/testing/legacy-entry';
import { iomReferral, maracReferral, person } from './support/referrals';
import { apiForSuite } from './support/api-suite';
import type { TestUser } from './support/tokens';

const ADMIN: TestUser = { sub: 'ig-lp', agency: 'Partnership Information Governance', roles: ['admin'] };
const MARAC_OFFICER: TestUser = {
  sub: 'police-marac-lp',
  name: 'Robin Marac',
  agency: 'Metropolitan Police',
  roles: ['coordinator'],
  panels: ['MARAC'],
};
const FIRE_ON_MARAC: TestUser = {
  sub: 'fire-marac-lp',
  agency: 'London Fire Brigade',
  roles: ['practitioner'],
  panels: ['MARAC'],
};
const PROBATION_IOM: TestUser = {
  sub: 'probation-iom-lp',
  agency: 'Probation',
  roles: ['coordinator'],
  panels: ['IOM'],
};
/** Acts on both panels' cases, so an old entry of theirs about her could be either panel's. */
const POLICE_BOTH: TestUser = {
  sub: 'police-both-lp',
  agency: 'Metropolitan Police',
  roles: ['coordinator'],
  panels: ['MARAC', 'IOM'],
};
const AUDITOR: TestUser = { sub: 'auditor-lp', agency: 'ICO liaison', roles: ['auditor'] };

describe('disclosure register: the panel of an entry recorded before panels were kept', () => {
  const { api, client, tokens } = apiForSuite({
    ADMIN,
    MARAC_OFFICER,
    FIRE_ON_MARAC,
    PROBATION_IOM,
    POLICE_BOTH,
    AUDITOR,
  });
  type User = keyof typeof tokens;
  let victimId: string;
  let maracCaseId: string;

  const idsSeen = async (user: User) => {
    const response = await client.get('/v1/disclosures?limit=500', tokens[user]);
    expect(response.status).toBe(200);
    return (response.body.items as { disclosureId: string }[]).map((i) => i.disclosureId);
  };
  const expectKnownTo = async (id: string, known: readonly User[], unknown: readonly User[]) => {
    for (const user of known) {
      const seen = (await idsSeen(user)).includes(id);
      const status = (await client.get(`/v1/disclosures/${id}`, tokens[user])).status;
      expect({ user, seen, status }).toEqual({ user, seen: true, status: 200 });
    }
    for (const user of unknown) {
      const seen = (await idsSeen(user)).includes(id);
      const status = (await client.get(`/v1/disclosures/${id}`, tokens[user])).status;
      expect({ user, seen, status }).toEqual({ user, seen: false, status: 404 });
    }
  };

  /** An `information-withheld` event as written before `panel` was recorded, once the register has it. */
  const legacyWithheld = async (recorder: TestUser, subject: { personId: string; caseId: string | null }) => {
    const agency = recorder.agency ?? 'Metropolitan Police';
    const actor = { id: recorder.sub, name: recorder.name ?? recorder.sub, agency, roles: recorder.roles };
    const { disclosureId, position } = await appendLegacyWithheld(
      api.app.get<symbol, EventStore>(EVENT_STORE),
      actor,
      subject,
    );
    await client
      .get(`/v1/disclosures/${disclosureId}`, tokens.AUDITOR)
      .set('X-Min-Position', String(position))
      .expect(200);
    return disclosureId;
  };

  beforeAll(async () => {
    const her = person({ forenames: 'Lena', surname: 'Achterberg', dateOfBirth: '1989-07-11' });
    const marac = await client.refer(tokens.MARAC_OFFICER, maracReferral({ person: her }));
    maracCaseId = marac.caseId;
    victimId = marac.personId;
    expect((await client.refer(tokens.PROBATION_IOM, iomReferral({}, { person: her }))).personId).toBe(victimId);
    // POLICE_BOTH has acted on a case of each panel.
    await client.refer(tokens.POLICE_BOTH, maracReferral({ person: person({ surname: 'Quillfeather' }) }));
    await client.refer(tokens.POLICE_BOTH, iomReferral());
  });

  it('reads an old entry about her alone as MARAC’s when MARAC is the one panel of the recorder’s with a case on her', async () => {
    const id = await legacyWithheld(MARAC_OFFICER, { personId: victimId, caseId: null });
    await expectKnownTo(id, ['FIRE_ON_MARAC', 'MARAC_OFFICER', 'POLICE_BOTH', 'AUDITOR', 'ADMIN'], ['PROBATION_IOM']);
    const entry = await client.get(`/v1/disclosures/${id}`, tokens.FIRE_ON_MARAC);
    expect(entry.body).toMatchObject({ panel: 'MARAC', reason: REFUGE });
  });

  it('keeps the safe reading when the recorder acted on several of her panels, or on none', async () => {
    const ambiguous = await legacyWithheld(POLICE_BOTH, { personId: victimId, caseId: null });
    await expectKnownTo(
      ambiguous,
      ['POLICE_BOTH', 'AUDITOR', 'ADMIN'],
      ['FIRE_ON_MARAC', 'MARAC_OFFICER', 'PROBATION_IOM'],
    );
    const unknownRecorder: TestUser = {
      sub: 'left-long-ago-lp',
      agency: 'Metropolitan Police',
      roles: ['coordinator'],
    };
    const untraced = await legacyWithheld(unknownRecorder, { personId: victimId, caseId: null });
    await expectKnownTo(untraced, ['AUDITOR', 'ADMIN'], ['FIRE_ON_MARAC', 'MARAC_OFFICER', 'PROBATION_IOM']);
    expect((await client.get(`/v1/disclosures/${untraced}`, tokens.AUDITOR)).body.panel).toBeNull();
  });

  it('gives an old entry about a case the case’s panel', async () => {
    const id = await legacyWithheld(POLICE_BOTH, { personId: victimId, caseId: maracCaseId });
    await expectKnownTo(id, ['FIRE_ON_MARAC', 'MARAC_OFFICER', 'AUDITOR'], ['PROBATION_IOM']);
    expect((await client.get(`/v1/disclosures/${id}`, tokens.AUDITOR)).body).toMatchObject({
      panel: 'MARAC',
      caseId: maracCaseId,
    });
  });

  it('judges a revocation of an old entry by its inferred panel too', async () => {
    const id = await legacyWithheld(MARAC_OFFICER, { personId: victimId, caseId: null });
    // A decision not to share cannot be revoked (409), which a caller who may not know of it never learns (404).
    expect((await client.post(`/v1/disclosures/${id}/revoke`, tokens.PROBATION_IOM, { reason: 'x' })).status).toBe(404);
    expect((await client.post(`/v1/disclosures/${id}/revoke`, tokens.POLICE_BOTH, { reason: 'x' })).status).not.toBe(
      404,
    );
  });
});
