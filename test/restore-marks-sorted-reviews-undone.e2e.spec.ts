import { apiForSuite } from './support/api-suite';
import { confirmedAsOnePerson, proposedReviewId } from './support/match-reviews';
import { syntheticPnc } from './support/people';
import { iomReferral, mappaReferral, maracReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

interface View {
  personId: string;
  mergedInto?: string;
  records: { recordId: string; caseId?: string }[];
}

/**
 * A MARAC victim and an IOM nominal confirmed as one woman in error, then the nominal's own MAPPA
 * record under her maiden name (her PNC ID) confirmed into the two by a second review. Undoing the
 * first merge sorts that MAPPA person to the nominal: the second review's "she is the victim" no
 * longer holds, so it must say so, and must not merge the victim and the nominal again behind a
 * reviewer's back. Also: undoing a merge whose merged person was emptied by a split. Synthetic
 * people, staff and addresses; each test has its own forename and birth year, as the matcher links
 * women of one forename, birthday and sex across surnames.
 */
describe('undoing a merge marks undone the reviews whose merges it undid', () => {
  const { api, client, tokens } = apiForSuite({
    all: { ...COORDINATOR_ALL_PANELS, panels: ['IOM', 'MARAC', 'ALLIANCE', 'MAPPA'] },
    iom: { sub: 'iom-only-undone', roles: ['coordinator'], panels: ['IOM'] },
    admin: { sub: 'admin-undone', roles: ['admin'], panels: [] },
  });

  const womanBorn = (forenames: string, year: number) => ({
    victim: (surname: string, refuge: string) =>
      person({
        forenames,
        surname,
        dateOfBirth: `${year}-03-14`,
        sex: 'female',
        postcode: refuge,
        address: '3 Synthetic Refuge Road',
      }),
    /** A record of the nominal's own: her birthday, three days after the victim's. */
    herOwn: (details: Record<string, unknown>) =>
      person({ forenames, dateOfBirth: `${year}-03-17`, sex: 'female', ...details }),
  });
  const holderOf = async (caseId: string) =>
    (await client.get(`/v1/cases/${caseId}`, tokens.all).expect(200)).body.personId as string;
  const split = (survivor: string, body: Record<string, unknown>, token = tokens.all) =>
    client.post(`/v1/people/${survivor}/split`, token, { reason: 'Two women: the PNC is the nominal’s', ...body });
  const reviewOf = async (reviewId: string, token = tokens.all) =>
    (await client.get(`/v1/people/match-reviews/${reviewId}`, token).expect(200)).body;

  /** The victim and the nominal merged in error, her MAPPA record merged in by a second review, then the first merge undone. */
  async function mappaPersonSortedToTheNominal(forenames: string, year: number, serial: number) {
    const { victim, herOwn } = womanBorn(forenames, year);
    const pnc = syntheticPnc(serial);
    const v = await client.refer(
      tokens.all,
      maracReferral({ person: victim('Kowalczyk', 'N15 4QT') }, { perpetrator: undefined }),
    );
    const n = await client.refer(
      tokens.all,
      iomReferral(
        {},
        {
          person: herOwn({
            surname: 'Kowalczyk',
            postcode: 'SE1 1AA',
            address: '1 Synthetic High Street',
            identifiers: { pnc },
          }),
        },
      ),
    );
    await confirmedAsOnePerson(client, tokens.all, v.personId, n.personId, 'One woman who moved house');
    const maiden = herOwn({ surname: 'Nowak', postcode: 'E1 6AN', address: '4 Synthetic Lane', identifiers: { pnc } });
    const c = await client.refer(tokens.all, mappaReferral(maiden));
    await confirmedAsOnePerson(client, tokens.all, v.personId, c.personId, 'Her MAPPA record under her maiden name');
    const vn = await proposedReviewId(api, v.personId, n.personId);
    const vc = await proposedReviewId(api, v.personId, c.personId);

    const restored = await split(v.personId, { restore: n.personId });
    expect({ status: restored.status, mergedWhileOne: restored.body.mergedWhileOne }).toEqual({
      status: 200,
      mergedWhileOne: [{ personId: c.personId, to: n.personId, by: 'identifier' }],
    });
    return { v, n, c, vn, vc, maiden, restoredAt: restored.body.position as number };
  }

  it('says the review that merged in the person the restore sorted to the nominal is confirmed-undone, naming the restore', async () => {
    const { v, n, c, vn, vc, restoredAt } = await mappaPersonSortedToTheNominal('Natalia', 1989, 6611);
    expect(await holderOf(c.caseId)).toBe(n.personId);

    const review = await reviewOf(vc);
    expect({ status: review.status, personIds: review.personIds }).toEqual({
      status: 'confirmed-undone',
      personIds: [v.personId, n.personId],
    });
    expect(review.decision.undoneBy).toMatchObject({
      position: restoredAt,
      personId: v.personId,
      reason: 'Two women: the PNC is the nominal’s',
    });
    // The review of the two women themselves, undone by the same restore.
    expect((await reviewOf(vn)).status).toBe('confirmed-undone');
  });

  it('refuses to confirm or reject that review until it is reopened, saying it now pairs the victim with the nominal', async () => {
    const { v, n, c, vc } = await mappaPersonSortedToTheNominal('Paulina', 1987, 6612);

    for (const decision of ['confirm', 'reject']) {
      const refused = await client.post(`/v1/people/match-reviews/${vc}/${decision}`, tokens.all, {
        reason: 'Nowak is her maiden name',
      });
      expect({ status: refused.status, rule: refused.body.rule }).toEqual({
        status: 409,
        rule: 'match-proposal-open',
      });
      expect(refused.body.message).toContain('a split with restore has since undone its merge');
      expect(refused.body.message).toContain(`${c.personId}, whom it merged in, is held by ${n.personId} now`);
      expect(refused.body.message).toContain(`pairs ${v.personId} and ${n.personId}`);
    }
    expect({ iom: await holderOf(n.caseId), mappa: await holderOf(c.caseId), marac: await holderOf(v.caseId) }).toEqual(
      { iom: n.personId, mappa: n.personId, marac: v.personId },
    );

    // Reopened, it is a question about the two women as they are now, with the undone merge in its history.
    expect(
      (await client.post(`/v1/people/match-reviews/${vc}/reopen`, tokens.all, { reason: 'Look again' })).status,
    ).toBe(200);
    const reopened = await reviewOf(vc);
    expect({ status: reopened.status, personIds: reopened.personIds }).toEqual({
      status: 'open',
      personIds: [v.personId, n.personId],
    });
    expect(reopened.earlierDecisions).toEqual([
      expect.objectContaining({ decision: 'confirmed', undoneBy: expect.objectContaining({ personId: v.personId }) }),
    ]);
    // Confirmed anew, it does what the refusal said: the victim and the nominal are one again.
    const confirmed = await client.post(`/v1/people/match-reviews/${vc}/confirm`, tokens.all, {
      reason: 'One woman after all',
    });
    expect({
      status: confirmed.status,
      survivorId: confirmed.body.survivorId,
      mergedId: confirmed.body.mergedId,
    }).toEqual({ status: 200, survivorId: v.personId, mergedId: n.personId });
  });

  it('still sorts, when that person is restored from the nominal later, a record linked to the nominal while they were one', async () => {
    const { n, c, maiden } = await mappaPersonSortedToTheNominal('Weronika', 1985, 6613);
    // Her maiden name again, no PNC ID: linked to whoever holds her MAPPA record, the nominal now.
    const again = await client.refer(tokens.all, mappaReferral({ ...maiden, identifiers: {} }, '2024-08-01T10:00:00Z'));
    expect(again.personId).toBe(n.personId);

    const undone = await split(n.personId, { restore: c.personId, reason: 'The MAPPA woman is someone else' });

    expect(undone.status).toBe(200);
    expect(undone.body.linkedWhileMerged).toEqual([
      expect.objectContaining({ caseId: again.caseId, to: c.personId, by: 'score' }),
    ]);
    expect(await holderOf(again.caseId)).toBe(c.personId);
  });

  it('lets a coordinator undo a merge whose merged person holds nothing now, so her id stops standing for the victim', async () => {
    const { victim, herOwn } = womanBorn('Zuzanna', 1969);
    const v = await client.refer(
      tokens.all,
      maracReferral({ person: victim('Quarrington', 'N17 4QT') }, { perpetrator: undefined }),
    );
    const n = await client.refer(
      tokens.all,
      iomReferral(
        {},
        {
          person: herOwn({
            surname: 'Quarrington',
            postcode: 'SE3 1AA',
            address: '3 Synthetic High Street',
            identifiers: { pnc: syntheticPnc(8181) },
          }),
        },
      ),
    );
    await confirmedAsOnePerson(client, tokens.all, v.personId, n.personId, 'One woman');
    const vn = await proposedReviewId(api, v.personId, n.personId);
    // The usual correction by hand: her IOM record and case split off to a person of their own.
    const merged = await client.personView<View>(tokens.admin, v.personId);
    const hers = merged.records.filter((r) => r.caseId === n.caseId).map((r) => r.recordId);
    const splitOff = await split(v.personId, {
      reason: 'The IOM woman is someone else',
      recordIds: hers,
      caseIds: [n.caseId],
    });
    expect(splitOff.status).toBe(200);
    // Her id still stood for the victim.
    expect((await client.personView<View>(tokens.all, n.personId)).mergedInto).toBe(v.personId);

    // A coordinator who cannot see the victim still cannot.
    expect((await split(v.personId, { restore: n.personId }, tokens.iom)).status).toBe(404);
    const undone = await split(v.personId, { restore: n.personId });

    expect({ status: undone.status, body: undone.body }).toMatchObject({
      status: 200,
      body: { intoPersonId: n.personId, linkedWhileMerged: [], mergedWhileOne: [] },
    });
    // Nothing moved: her case stays with the person it was split off to, the victim's with her.
    expect({ iom: await holderOf(n.caseId), marac: await holderOf(v.caseId) }).toEqual({
      iom: splitOff.body.intoPersonId,
      marac: v.personId,
    });
    // Her id no longer opens the victim (it holds nothing a coordinator sees), and the review says its merge was undone.
    expect((await client.get(`/v1/people/${n.personId}`, tokens.all)).status).toBe(404);
    expect((await client.personView<View>(tokens.admin, n.personId)).mergedInto).toBeUndefined();
    expect((await reviewOf(vn, tokens.admin)).status).toBe('confirmed-undone');
  });
});
