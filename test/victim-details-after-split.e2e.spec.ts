import { rejectedByIom } from './support/iom-cases';
import { apiForSuite } from './support/api-suite';
import type { ReferralMade } from './support/people';
import { iomReferral, maracReferral, person } from './support/referrals';
import { splitRecordedBefore } from './support/split-recorded-before';
import { AUDITOR, COORDINATOR_ALL_PANELS, IOM_ONLY_COORDINATOR } from './support/tokens';

interface Report {
  person: { events: { type: string; data: unknown }[] };
}

/**
 * A MARAC victim the matcher wrongly linked to an IOM nominal is split off him with her MARAC
 * case and the record her referral brought in. Her move, recorded through that case before or
 * after the split, is hers: her view and (recorded after) her subject access report carry it, his
 * never do. Synthetic people and addresses.
 */
describe('a victim split off a wrong link records her move through her MARAC case', () => {
  const { api, client, tokens } = apiForSuite({
    all: COORDINATOR_ALL_PANELS,
    maracOnly: { sub: 'victim-split-marac', roles: ['coordinator'], panels: ['MARAC'] },
    iomOnly: IOM_ONLY_COORDINATOR,
    auditor: AUDITOR,
    // Only a member of the panel that protects her residence gets her whereabouts in a report.
    maracAuditor: { sub: 'victim-split-marac-auditor', roles: ['auditor'], panels: ['MARAC'] },
  });
  const reportOf = async (personId: string, token = tokens.maracAuditor): Promise<Report> =>
    (await client.get(`/v1/audit/subject-access/${personId}?redactMarac=false`, token, null).expect(200))
      .body as Report;
  const recordMove = (caseId: string, details: object) =>
    client.post(`/v1/cases/${caseId}/person-details`, tokens.maracOnly, details);

  /** An IOM nominal and the MARAC victim the matcher took for him, same name and date of birth. */
  async function linkedByMistake(forenames: string, postcode: string) {
    const nominal = person({
      forenames,
      surname: 'Pellowe',
      dateOfBirth: '1987-10-21',
      postcode,
      identifiers: undefined,
    });
    const iom = await client.refer(tokens.all, iomReferral({}, { person: nominal }));
    const marac = await client.refer(tokens.all, maracReferral({ person: nominal }, { perpetrator: undefined }));
    expect(marac.personId).toBe(iom.personId);
    return { him: iom.personId, marac, iomCaseId: iom.caseId };
  }

  /** The record that came in with `referral`, as the split review shows it. */
  async function recordOf(personId: string, referral: ReferralMade) {
    const view = await client.get(`/v1/people/${personId}`, tokens.all, 'split review').expect(200);
    return (view.body.records as { recordId: string; caseId?: string }[]).find((r) => r.caseId === referral.caseId)
      ?.recordId as string;
  }

  /** A reviewer moves `caseId` to a new person with the record its referral brought in. */
  async function splitOff(personId: string, caseId: string) {
    const split = await client.post(`/v1/people/${personId}/split`, tokens.all, {
      reason: 'The MARAC victim is not the IOM nominal',
      recordIds: [await recordOf(personId, { caseId, personId })],
      caseIds: [caseId],
    });
    expect({ status: split.status, body: split.body }).toMatchObject({ status: 200 });
    return split.body.intoPersonId as string;
  }

  it('lands on her record, names her, and reaches her report, never his', async () => {
    const { him, marac } = await linkedByMistake('Jenifer', 'N17 6AA');
    const her = await splitOff(him, marac.caseId);

    const moved = await recordMove(marac.caseId, { address: '4 Refuge Synthetic Close', postcode: 'E5 0QQ' });
    expect({ status: moved.status, personId: moved.body.personId }).toEqual({ status: 200, personId: her });

    const seen = await client.personView<{ golden: object }>(tokens.maracOnly, her);
    expect(seen.golden).toMatchObject({ address: '4 Refuge Synthetic Close', postcode: 'E5 0QQ' });
    expect(JSON.stringify(await client.personView(tokens.all, him))).not.toMatch(/Refuge Synthetic Close|E5 0QQ/);

    const recorded = (report: Report) =>
      report.person.events.filter((e) => e.type === 'person-record-details-recorded');
    expect(recorded(await reportOf(her))).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({
          personId: her,
          changes: { address: '4 Refuge Synthetic Close', postcode: 'E5 0QQ' },
        }),
      }),
    ]);
    expect(JSON.stringify(await reportOf(him))).not.toMatch(/Refuge Synthetic Close|E5 0QQ/);
    expect(JSON.stringify(await reportOf(her, tokens.auditor))).not.toMatch(/Refuge Synthetic Close|E5 0QQ/);
  });

  it('refuses rather than write her move on a record a split left with him', async () => {
    const { him, marac, iomCaseId } = await linkedByMistake('Loveday', 'N17 6AB');
    await rejectedByIom(client, tokens.all, iomCaseId);
    const again = await client.refer(
      tokens.all,
      iomReferral(
        {},
        {
          referredAt: '2024-06-02T09:00:00Z',
          person: person({ forenames: 'Loveday', surname: 'Pellowe', dateOfBirth: '1987-10-21', postcode: 'N17 6AB' }),
        },
      ),
    );
    expect(again.personId).toBe(him);
    // The reviewer keeps the MARAC record with him and moves her case with the later IOM record:
    // refused now (400 case-with-its-record), but a split recorded before that rule did it.
    const crossed = { recordIds: [await recordOf(him, again)], caseIds: [marac.caseId] };
    const refused = await client.post(`/v1/people/${him}/split`, tokens.all, { reason: 'Not him', ...crossed });
    expect({ status: refused.status, rule: refused.body.rule }).toEqual({ status: 400, rule: 'case-with-its-record' });
    await splitRecordedBefore(api, him, crossed);

    const moved = await recordMove(marac.caseId, { address: '6 Refuge Synthetic Close' });
    expect({ status: moved.status, rule: moved.body.rule }).toEqual({
      status: 409,
      rule: 'person-record-of-case-panel',
    });
    expect(JSON.stringify(await client.personView(tokens.all, him))).not.toContain('6 Refuge Synthetic Close');
  });

  it('takes a move recorded before the split with her record: hers to see, gone from his', async () => {
    const { him, marac } = await linkedByMistake('Morwenna', 'N17 6AD');
    const moved = await recordMove(marac.caseId, { address: '8 Refuge Synthetic Close', postcode: 'E5 0QT' });
    expect(moved.status).toBe(200);
    const her = await splitOff(him, marac.caseId);

    const seen = await client.personView<{ golden: object }>(tokens.maracOnly, her);
    expect(seen.golden).toMatchObject({ address: '8 Refuge Synthetic Close', postcode: 'E5 0QT' });
    expect(JSON.stringify(await client.personView(tokens.all, him))).not.toMatch(/Refuge Synthetic Close|E5 0QT/);
  });
});
