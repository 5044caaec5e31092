/**
 * What the disclosure register answers must match what the entries do (review s14-review-sharing,
 * findings 4, 6 and 9): `open` is true only while the entry opens something now, by the rule the
 * case view applies; `?personId=` follows the person through merges and splits, as the person view
 * does; and a share named to one user is that user's record, not every colleague's.
 */
import { hollingsworth } from './support/people';
import { apiForSuite } from './support/api-suite';
import { confirmedAsOnePerson } from './support/match-reviews';
import { iomReferral, maracReferral, person } from './support/referrals';
import { PUBLIC_TASK, agreementBody, disclosureBody, sharingUsers } from './support/sharing';
import type { TestUser } from './support/tokens';

const { ADMIN, MARAC_C, AUDITOR } = sharingUsers('reg');
const IOM_C: TestUser = { sub: 'iom-reg', agency: 'Probation', roles: ['coordinator'], panels: ['IOM'] };
const BOTH: TestUser = {
  sub: 'both-reg',
  agency: 'Metropolitan Police',
  roles: ['coordinator'],
  panels: ['MARAC', 'IOM'],
};
const COUNCIL: TestUser = {
  sub: 'council-reg',
  agency: 'Haringey Council',
  roles: ['practitioner'],
  panels: ['ALLIANCE'],
};
/** The named social worker's colleague: same agency, same panel, not named on the share. */
const COUNCIL_2: TestUser = { ...COUNCIL, sub: 'council-reg-b' };
/** A council officer who sits on MARAC: sees the case itself, so may know of entries about it. */
const COUNCIL_ON_MARAC: TestUser = { ...COUNCIL, sub: 'council-reg-marac', panels: ['MARAC'] };

const ELM_HOUSE = 'Victim moved to refuge at Elm House; for the named social worker only';

interface Entry {
  disclosureId: string;
  open: boolean;
  closedBy: string | null;
}

describe('disclosure register: answers as the entries act', () => {
  const { client, tokens } = apiForSuite({
    admin: ADMIN,
    marac: MARAC_C,
    iom: IOM_C,
    both: BOTH,
    council: COUNCIL,
    council2: COUNCIL_2,
    councilOnMarac: COUNCIL_ON_MARAC,
    auditor: AUDITOR,
  });

  const sign = async (parties: string[], extra: Record<string, unknown> = {}) => {
    const signed = await client.post(
      '/v1/sharing-agreements',
      tokens.admin,
      agreementBody(parties, { lawfulBasis: PUBLIC_TASK, ...extra }),
    );
    expect(signed.status).toBe(201);
    return signed.body.dsaId as string;
  };
  const referToMarac = async (forenames: string, dateOfBirth: string) =>
    client.refer(tokens.marac, maracReferral({ person: person({ forenames, surname: 'Quist', dateOfBirth }) }));
  const share = async (caseId: string, dsaId: string, body: Record<string, unknown> = {}) => {
    const shared = await client.post(
      '/v1/disclosures',
      tokens.marac,
      disclosureBody(caseId, dsaId, { lawfulBasis: PUBLIC_TASK, ...body }),
    );
    expect({ status: shared.status, errors: shared.body.errors }).toEqual({ status: 201, errors: undefined });
    return shared.body.disclosureId as string;
  };
  const entry = async (token: string, disclosureId: string) =>
    (await client.get(`/v1/disclosures/${disclosureId}`, token).expect(200)).body as Entry;
  const listed = async (token: string, query: string) =>
    (await client.get(`/v1/disclosures?${query}`, token).expect(200)).body.items as Entry[];
  const openness = ({ open, closedBy }: Entry) => ({ open, closedBy });

  describe('open: what the entry opens now', () => {
    it('is false, saying why, once the DSA that carried the share has expired: as the case view says', async () => {
      const { caseId } = await referToMarac('Ama', '1988-02-14');
      const dsaId = await sign(['Metropolitan Police', 'Haringey Council']);
      const id = await share(caseId, dsaId);
      expect(openness(await entry(tokens.auditor, id))).toEqual({ open: true, closedBy: null });
      expect((await client.get(`/v1/cases/${caseId}`, tokens.council)).status).toBe(200);

      const expired = await client.post(`/v1/sharing-agreements/${dsaId}/expire`, tokens.admin, { reason: 'Ended' });
      expect(expired.status).toBe(200);

      expect((await client.get(`/v1/cases/${caseId}`, tokens.council)).status).toBe(404);
      expect(openness(await entry(tokens.auditor, id))).toEqual({ open: false, closedBy: 'dsa-expired' });
      expect(openness(await entry(tokens.council, id))).toEqual({ open: false, closedBy: 'dsa-expired' });
      const [item] = await listed(tokens.auditor, `caseId=${caseId}`);
      expect(item === undefined ? undefined : openness(item)).toEqual({ open: false, closedBy: 'dsa-expired' });
    });

    it('is false once the agreement has run past its end date', async () => {
      const { caseId } = await referToMarac('Akosua', '1989-04-02');
      const dsaId = await sign(['Metropolitan Police', 'Haringey Council'], { inForceTo: '2024-12-31' });
      const id = await share(caseId, dsaId, { occurredAt: '2024-06-01T10:00:00Z' });

      expect((await client.get(`/v1/cases/${caseId}`, tokens.council)).status).toBe(404);
      expect(openness(await entry(tokens.auditor, id))).toEqual({ open: false, closedBy: 'dsa-not-in-force' });
    });

    it('is false once the recipient has left the agreement', async () => {
      const { caseId } = await referToMarac('Afua', '1987-09-09');
      const dsaId = await sign(['Metropolitan Police', 'Haringey Council', 'Probation']);
      const id = await share(caseId, dsaId);
      const removed = await client.post(`/v1/sharing-agreements/${dsaId}/parties/remove`, tokens.admin, {
        agency: 'Haringey Council',
        reason: 'Left the partnership',
      });
      expect(removed.status).toBe(200);

      expect((await client.get(`/v1/cases/${caseId}`, tokens.council)).status).toBe(404);
      expect(openness(await entry(tokens.auditor, id))).toEqual({ open: false, closedBy: 'recipient-left-dsa' });
    });

    it('says a revoked share and a decision not to share open nothing', async () => {
      const { caseId } = await referToMarac('Esi', '1986-01-20');
      const dsaId = await sign(['Metropolitan Police', 'Haringey Council']);
      const id = await share(caseId, dsaId);
      const revoked = await client.post(`/v1/disclosures/${id}/revoke`, tokens.marac, { reason: 'Sent in error' });
      expect(revoked.status).toBe(200);
      const withheld = await client.post('/v1/disclosures/withheld', tokens.marac, {
        toAgency: 'Haringey Council',
        dsaId,
        caseId,
        fields: ['riskRating'],
        purpose: 'Council asked for the risk rating',
        reason: 'Not needed for the housing decision',
      });
      expect(withheld.status).toBe(201);

      expect(openness(await entry(tokens.auditor, id))).toEqual({ open: false, closedBy: 'revoked' });
      expect(openness(await entry(tokens.auditor, withheld.body.disclosureId))).toEqual({
        open: false,
        closedBy: 'withheld',
      });
    });
  });

  describe('?personId= follows the person through merges and splits', () => {
    it('lists entries recorded under an id since merged into her, and gives them back when a split undoes it', async () => {
      const dsaId = await sign(['Metropolitan Police', 'Probation']);
      const older = await client.refer(
        tokens.iom,
        iomReferral(
          {},
          { person: hollingsworth({ surname: 'Penhallow', dateOfBirth: '1979-03-22', postcode: 'W3 7QS' }) },
        ),
      );
      const newer = await client.refer(
        tokens.marac,
        maracReferral({
          person: hollingsworth({ surname: 'Penhallow', dateOfBirth: '1979-03-23', postcode: 'N1 9GU' }),
        }),
      );
      expect(newer.personId).not.toBe(older.personId);
      const maracWithheld = await client.post('/v1/disclosures/withheld', tokens.marac, {
        toAgency: 'Probation',
        dsaId,
        caseId: newer.caseId,
        fields: ['status'],
        purpose: 'Probation asked',
        reason: 'MARAC, before the merge',
      });
      const iomShare = await client.post('/v1/disclosures', tokens.iom, {
        toAgency: 'Metropolitan Police',
        caseId: older.caseId,
        fields: ['status'],
        purpose: 'IOM, before the merge',
        lawfulBasis: PUBLIC_TASK,
        dsaId,
        consent: { given: true },
      });
      expect([maracWithheld.status, iomShare.status]).toEqual([201, 201]);

      await confirmedAsOnePerson(client, tokens.both, older.personId, newer.personId, 'same man');
      const ids = async (personId: string) =>
        (await listed(tokens.auditor, `personId=${personId}`)).map((i) => i.disclosureId).sort();
      const bothEntries = [maracWithheld.body.disclosureId as string, iomShare.body.disclosureId as string].sort();
      expect(await ids(older.personId)).toEqual(bothEntries);
      // The merged id stands for her too, as it does for her person view.
      expect(await ids(newer.personId)).toEqual(bothEntries);

      // Recorded after the merge, under the survivor's id: still about the MARAC case.
      const afterMerge = await client.post('/v1/disclosures/withheld', tokens.marac, {
        toAgency: 'Probation',
        dsaId,
        caseId: newer.caseId,
        fields: ['riskRating'],
        purpose: 'Probation asked again',
        reason: 'MARAC, after the merge',
      });
      expect(afterMerge.status).toBe(201);
      const split = await client.post(`/v1/people/${older.personId}/split`, tokens.both, {
        restore: newer.personId,
        reason: 'Merged in error: two different men per the GP',
      });
      expect(split.status).toBe(200);

      // The MARAC case went back to him, and its entries with it.
      expect(await ids(older.personId)).toEqual([iomShare.body.disclosureId]);
      expect(await ids(newer.personId)).toEqual(
        [maracWithheld.body.disclosureId as string, afterMerge.body.disclosureId as string].sort(),
      );
    });
  });

  describe('a share named to one user', () => {
    it('is in the register of that user, not of their agency colleagues, by id or in lists', async () => {
      const { caseId } = await referToMarac('Efua', '1990-03-01');
      const dsaId = await sign(['Metropolitan Police', 'Haringey Council']);
      const id = await share(caseId, dsaId, { toUser: { id: COUNCIL.sub }, purpose: ELM_HOUSE });

      expect((await client.get(`/v1/cases/${caseId}`, tokens.council2)).status).toBe(404);
      expect((await client.get(`/v1/disclosures/${id}`, tokens.council2)).status).toBe(404);
      expect(JSON.stringify(await listed(tokens.council2, `caseId=${caseId}`))).not.toContain('Elm House');
      expect(JSON.stringify(await listed(tokens.council2, 'agency=Haringey%20Council'))).not.toContain(id);
      // Not even told it exists when trying to revoke it.
      const revoke = await client.post(`/v1/disclosures/${id}/revoke`, tokens.council2, { reason: 'curious' });
      expect({ status: revoke.status, rule: revoke.body.rule }).toEqual({ status: 404, rule: 'disclosure-exists' });

      // The named user, the recorder, the case's panel (of any agency) and the auditor still know of it.
      for (const token of [tokens.council, tokens.marac, tokens.councilOnMarac, tokens.auditor]) {
        expect((await entry(token, id)).disclosureId).toBe(id);
        expect((await listed(token, `caseId=${caseId}`)).map((i) => i.disclosureId)).toContain(id);
      }
    });
  });
});
