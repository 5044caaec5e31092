import { apiForSuite } from './support/api-suite';
import { uploadedToIom } from './support/iom-upload';
import { syntheticPnc } from './support/people';
import { iomReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

const twoDigitYear = (pnc: string) => pnc.replace(/^\d{2}(\d{2}\/)/, '$1');
const HEADER =
  'CRN,PNC,Forenames,Surname,Date of birth,Postcode,OGRS 2-year,OVP 2-year,Robbery/burglary in last 2 years';

interface Answer {
  status: number;
  body: { rule?: string; message?: string; events?: string[] };
}

/**
 * A later month's IOM upload row for a nominal who already has an IOM case links a record of its
 * own, named by no referral. When probation's extract carries a mistyped PNC ID on that row, the
 * IOM coordinator corrects it through the IOM case, and the corrected extract then finds the same
 * man. Synthetic people and numbers throughout.
 */
describe('correcting an identifier an IOM upload row brought in', () => {
  const { api, client, tokens } = apiForSuite({
    all: { ...COORDINATOR_ALL_PANELS, panels: ['IOM', 'MARAC', 'ALLIANCE', 'MAPPA'] },
    admin: { sub: 'admin-upload-row-identifier', roles: ['admin'], panels: [] },
  });
  const correct = async (caseId: string, body: Record<string, unknown>): Promise<Answer> =>
    (await client.post(`/v1/cases/${caseId}/person-details`, tokens.all, body)) as Answer;
  const pncsOf = async (personId: string) =>
    (await client.personView<{ identifiers: { pnc?: string[] } }>(tokens.admin, personId)).identifiers.pnc;
  const row = (crn: string, pnc: string, forenames: string) =>
    [HEADER, `${crn},${pnc},${forenames},Tremayne,1982-01-09,N17 6AA,80,40,N`].join('\n');
  const iomCasesNamed = async (forenames: string) => {
    const cohort = await client.get('/v1/panels/iom/cohort?limit=500', tokens.all).expect(200);
    return (cohort.body.items as { caseId: string }[]).filter((item) =>
      JSON.stringify(item).includes(`${forenames} Tremayne`),
    );
  };
  const referred = (forenames: string, crn: string) =>
    client.refer(
      tokens.all,
      iomReferral(
        {},
        {
          person: person({
            forenames,
            surname: 'Tremayne',
            dateOfBirth: '1982-01-09',
            sex: 'male',
            postcode: 'N17 6AA',
            identifiers: { crn },
          }),
          referredAt: '2024-03-01T10:00:00Z',
        },
      ),
    );

  it('removes the wrong PNC ID through the IOM case, sets his own, and the corrected extract keeps him one person', async () => {
    const wrong = syntheticPnc(8101);
    const his = syntheticPnc(8102);
    const iom = await referred('Jowan', 'X781101');
    await uploadedToIom(api, tokens.all, '2024-06', row('X781101', wrong, 'Jowan'));
    // The extract's form of the number (the upload keeps it as the file gives it).
    expect(await pncsOf(iom.personId)).toHaveLength(1);

    const removed = await correct(iom.caseId, {
      identifiers: { pnc: null },
      reason: 'another man’s PNC ID in the extract',
    });
    expect({ status: removed.status, events: removed.body.events }).toEqual({
      status: 200,
      events: ['person-record-details-recorded'],
    });
    expect(await pncsOf(iom.personId)).toBeUndefined();
    // The same request again: nothing is left to remove, so nothing more is recorded.
    const again = await correct(iom.caseId, {
      identifiers: { pnc: null },
      reason: 'another man’s PNC ID in the extract',
    });
    expect({ status: again.status, rule: again.body.rule }).toEqual({ status: 409, rule: 'identifier-not-on-record' });
    expect(again.body.message).toContain('upload row brought in, through the case that row was listed against');

    const set = await correct(iom.caseId, { identifiers: { pnc: his }, reason: 'his own, per the PNC' });
    expect(set.status).toBe(200);
    expect(await pncsOf(iom.personId)).toEqual([his]);

    const july = await uploadedToIom(api, tokens.all, '2024-07', row('X781101', his, 'Jowan'));
    expect(july.result.summary).toMatchObject({ new: 0, expired: 0, unchanged: 1 });
    expect((await iomCasesNamed('Jowan')).map((item) => item.caseId)).toEqual([iom.caseId]);
    // His number only, in whichever form each record was given it (`1979/…` or the extract's `79/…`).
    expect(new Set((await pncsOf(iom.personId))?.map(twoDigitYear))).toEqual(new Set([twoDigitYear(his)]));
  });

  it('sets his own PNC ID over the wrong one on every record of the case, and a retry records no other value', async () => {
    const wrong = syntheticPnc(8111);
    const his = syntheticPnc(8112);
    const iom = await referred('Kitto', 'X781111');
    await uploadedToIom(api, tokens.all, '2024-06', row('X781111', wrong, 'Kitto'));

    const body = { identifiers: { pnc: his }, reason: 'his own, per the PNC' };
    const set = await correct(iom.caseId, body);
    expect({ status: set.status, rule: set.body.rule }).toEqual({ status: 200, rule: undefined });
    expect(await pncsOf(iom.personId)).toEqual([his]);
    const again = await correct(iom.caseId, body);
    expect(again.status).toBe(200);
    expect(await pncsOf(iom.personId)).toEqual([his]);

    const july = await uploadedToIom(api, tokens.all, '2024-07', row('X781111', his, 'Kitto'));
    expect(july.result.summary).toMatchObject({ new: 0, expired: 0 });
    expect((await iomCasesNamed('Kitto')).map((item) => item.caseId)).toEqual([iom.caseId]);
  });
});
