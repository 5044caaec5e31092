import { apiForSuite } from './support/api-suite';
import { confirmedAsOnePerson, proposedReviewId } from './support/match-reviews';
import { syntheticPnc } from './support/people';
import { iomReferral, mappaReferral, maracReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

/**
 * A MARAC victim and an IOM nominal confirmed as one woman in error, then a MAPPA record confirmed
 * into the two by a review pairing it with the nominal. Undoing the first merge sorts that MAPPA
 * person to one of the two, and the review is undone exactly when the two it pairs are two people
 * again: never when the restore keeps the nominal and her record together (it could then never be
 * decided again), always when it parts them (confirming it anew would merge the victim and the
 * nominal behind the reviewer's back). Synthetic people, staff and addresses; each test has its own
 * forename and birth year, as the matcher links women of one forename, birthday and sex.
 */
describe('undoing a merge marks undone the reviews whose two people it parts', () => {
  const { api, client, tokens } = apiForSuite({
    all: { ...COORDINATOR_ALL_PANELS, panels: ['IOM', 'MARAC', 'ALLIANCE', 'MAPPA'] },
  });

  const woman = (forenames: string, year: number, day: string, details: Record<string, unknown>) =>
    person({ forenames, surname: 'Kowalczyk', dateOfBirth: `${year}-${day}`, sex: 'female', ...details });
  const refuge = { postcode: 'N15 4QT', address: '3 Synthetic Refuge Road' };
  const herHome = { postcode: 'SE1 1AA', address: '1 Synthetic High Street' };
  const holderOf = async (caseId: string) =>
    (await client.get(`/v1/cases/${caseId}`, tokens.all).expect(200)).body.personId as string;
  const reviewOf = async (reviewId: string) =>
    (await client.get(`/v1/people/match-reviews/${reviewId}`, tokens.all).expect(200)).body;
  const decide = (reviewId: string, decision: string) =>
    client.post(`/v1/people/match-reviews/${reviewId}/${decision}`, tokens.all, { reason: 'Look again' });

  /**
   * The victim v, the nominal n and the MAPPA record c all referred first; v and n confirmed as one,
   * then the review of n and c confirmed (which merges c into v).
   */
  async function mappaRecordConfirmedWithTheNominal(
    [forenames, year, serial]: [string, number, number],
    c: (pnc: string) => Record<string, unknown>,
  ) {
    const pnc = syntheticPnc(serial);
    const v = await client.refer(
      tokens.all,
      maracReferral({ person: woman(forenames, year, '03-14', refuge) }, { perpetrator: undefined }),
    );
    const n = await client.refer(
      tokens.all,
      iomReferral({}, { person: woman(forenames, year, '03-17', { ...herHome, identifiers: { pnc } }) }),
    );
    const mappaPerson = await client.refer(tokens.all, mappaReferral(woman(forenames, year, '03-17', c(pnc))));
    expect(new Set([v.personId, n.personId, mappaPerson.personId]).size).toBe(3);
    await confirmedAsOnePerson(client, tokens.all, v.personId, n.personId, 'One woman who moved house');
    const nc = await proposedReviewId(api, n.personId, mappaPerson.personId);
    const confirmed = await decide(nc, 'confirm');
    expect(confirmed.body).toMatchObject({ survivorId: v.personId, mergedId: mappaPerson.personId });
    return { v, n, c: mappaPerson, nc, vn: await proposedReviewId(api, v.personId, n.personId) };
  }

  it('keeps confirmed a review of the nominal and her own record when the restore sends it back with her', async () => {
    // Her MAPPA record under her maiden name, with her PNC ID.
    const { v, n, c, nc, vn } = await mappaRecordConfirmedWithTheNominal(['Bronislawa', 1983, 6691], (pnc) => ({
      surname: 'Nowak',
      postcode: 'E1 6AN',
      address: '4 Synthetic Lane',
      identifiers: { pnc },
    }));

    const restored = await client.post(`/v1/people/${v.personId}/split`, tokens.all, {
      reason: 'Two women: the PNC is the nominal’s',
      restore: n.personId,
    });
    expect(restored.body.mergedWhileOne).toEqual([{ personId: c.personId, to: n.personId, by: 'identifier' }]);

    // "The nominal and her MAPPA record are one" still holds.
    const review = await reviewOf(nc);
    expect({ status: review.status, personIds: review.personIds }).toEqual({
      status: 'confirmed',
      personIds: [n.personId, n.personId],
    });
    expect(review.decision.undoneBy).toBeUndefined();
    expect((await reviewOf(vn)).status).toBe('confirmed-undone');
    // Decided, and nothing offers to merge her with herself.
    const again = await decide(nc, 'confirm');
    expect({ status: again.status, message: again.body.message }).toEqual({
      status: 409,
      message: 'this match review is already confirmed',
    });
    expect((await decide(nc, 'reopen')).body.rule).toBe('undo-the-merge-first');
  });

  it('undoes a review of the nominal and a record the restore keeps with the victim, and will not merge the two women again unasked', async () => {
    // No PNC ID, a birthday between theirs, an address neither holds: the reviewer keeps it with the victim.
    const { v, n, c, nc } = await mappaRecordConfirmedWithTheNominal(['Jadwiga', 1981, 6701], () => ({
      dateOfBirth: '1981-03-16',
      postcode: 'E1 6AN',
      address: '4 Synthetic Lane',
    }));

    const restored = await client.post(`/v1/people/${v.personId}/split`, tokens.all, {
      reason: 'Two women: the PNC is the nominal’s',
      restore: n.personId,
      personIds: [],
    });
    expect(restored.body.mergedWhileOne).toEqual([{ personId: c.personId, to: v.personId, by: 'reviewer' }]);

    const review = await reviewOf(nc);
    expect({ status: review.status, personIds: review.personIds }).toEqual({
      status: 'confirmed-undone',
      personIds: [n.personId, v.personId],
    });
    expect(review.decision.undoneBy).toMatchObject({ position: restored.body.position, personId: v.personId });
    for (const decision of ['confirm', 'reject']) {
      const refused = await decide(nc, decision);
      expect({ status: refused.status, rule: refused.body.rule }).toEqual({
        status: 409,
        rule: 'match-proposal-open',
      });
      expect(refused.body.message).toContain(`so it pairs ${n.personId} and ${v.personId}`);
    }
    expect({ iom: await holderOf(n.caseId), mappa: await holderOf(c.caseId), marac: await holderOf(v.caseId) }).toEqual(
      { iom: n.personId, mappa: v.personId, marac: v.personId },
    );
  });
});
