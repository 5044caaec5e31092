import { apiForSuite } from './support/api-suite';
import { iomReferral, maracReferral, person } from './support/referrals';
import { AUDITOR, COORDINATOR_ALL_PANELS } from './support/tokens';

const WITHHELD = '[withheld pending review]';

interface HeldEvent {
  type: string;
  stream: string;
  data: Record<string, unknown>;
  recordedBy: { id: string; name: string };
}
interface Report {
  person: { events: HeldEvent[] };
  cases: { events: HeldEvent[] }[];
}

/**
 * A MARAC victim the matcher wrongly linked to an IOM nominal is split off him with her MARAC case
 * and the record her referral brought in. What the identity context holds about that record (the
 * link that brought her details in, a move recorded through her case) is hers wherever it was
 * written, and never his. Synthetic people, addresses and staff.
 */
describe('subject access follows a record through a split', () => {
  const { client, tokens } = apiForSuite({
    all: COORDINATOR_ALL_PANELS,
    // A MARAC coordinator whose own id and name carry the panel's name.
    maracStaff: { sub: 'marac-1', name: 'Test marac-1', roles: ['coordinator'], panels: ['MARAC'] },
    auditor: AUDITOR,
    maracAuditor: { sub: 'auditor-on-marac', roles: ['auditor'], panels: ['MARAC'] },
  });
  /** Unredacted only for an auditor on the MARAC panel who asks. */
  const reportOf = async (personId: string, redacted: boolean): Promise<Report> => {
    const query = redacted ? '' : '?redactMarac=false';
    const token = redacted ? tokens.auditor : tokens.maracAuditor;
    const report = await client.get(`/v1/audit/subject-access/${personId}${query}`, token, null).expect(200);
    expect(report.body.maracRedacted).toBe(redacted);
    return report.body as Report;
  };
  const recordMove = async (caseId: string, details: object) =>
    expect((await client.post(`/v1/cases/${caseId}/person-details`, tokens.maracStaff, details)).status).toBe(200);
  const ofType = (report: Report, type: string) => report.person.events.filter((e) => e.type === type);

  /** An IOM nominal, and the MARAC victim the matcher took for him, split off him by a reviewer. */
  async function linkedThenSplit(forenames: string, postcode: string, moveBefore: object) {
    const nominal = person({
      forenames,
      surname: 'Trevithick',
      dateOfBirth: '1986-03-14',
      postcode,
      identifiers: undefined,
    });
    const iom = await client.refer(tokens.all, iomReferral({}, { person: nominal }));
    const marac = await client.refer(tokens.maracStaff, maracReferral({ person: nominal }, { perpetrator: undefined }));
    expect(marac.personId).toBe(iom.personId);
    const him = iom.personId;
    await recordMove(marac.caseId, moveBefore);
    const view = await client.get(`/v1/people/${him}`, tokens.all, 'split review').expect(200);
    const record = (view.body.records as { recordId: string; caseId?: string }[]).find(
      (r) => r.caseId === marac.caseId,
    );
    const split = await client.post(`/v1/people/${him}/split`, tokens.all, {
      reason: 'The MARAC victim is not the IOM nominal',
      recordIds: [record?.recordId],
      caseIds: [marac.caseId],
    });
    expect(split.status).toBe(200);
    return { him, her: split.body.intoPersonId as string, recordId: record?.recordId as string, caseId: marac.caseId };
  }

  it.each([false, true])(
    'gives her the link and the move recorded before the split, his id withheld, and takes both out of his (redacted: %s)',
    async (redacted) => {
      // Two nominals the matcher cannot take for one (he would have an open IOM case already).
      const { him, her, recordId } = await linkedThenSplit(
        redacted ? 'Kerensa' : 'Senara',
        redacted ? 'N17 7AE' : 'N17 7AA',
        {
          address: '8 Refuge Synthetic Close',
          postcode: 'E5 0QT',
        },
      );
      const hers = await reportOf(her, redacted);
      // Her MARAC record's whereabouts reach a reader off MARAC only once a MARAC member releases them.
      const shown = (value: string) => (redacted ? WITHHELD : value);
      expect(ofType(hers, 'person-record-details-recorded')).toEqual([
        expect.objectContaining({
          data: expect.objectContaining({
            recordId,
            changes: { address: shown('8 Refuge Synthetic Close'), postcode: shown('E5 0QT') },
          }),
        }),
      ]);
      expect(ofType(hers, 'person-record-linked')).toEqual([
        expect.objectContaining({
          data: expect.objectContaining({ recordId, details: expect.objectContaining({ postcode: shown('N17 7AA') }) }),
        }),
      ]);
      expect(JSON.stringify(hers.person)).not.toContain(him);

      const his = await reportOf(him, redacted);
      expect(JSON.stringify(his)).not.toMatch(/Refuge Synthetic Close|E5 0QT/);
      expect(JSON.stringify(his.person)).not.toContain(recordId);
    },
  );

  it('withholds his id from the stream of a move recorded after the split', async () => {
    const { him, her, caseId } = await linkedThenSplit('Tamsin', 'N17 7AB', { postcode: 'E5 0QU' });
    await recordMove(caseId, { address: '9 Refuge Synthetic Close' });
    const hers = await reportOf(her, false);
    const after = ofType(hers, 'person-record-details-recorded').find(
      (e) => (e.data['changes'] as { address?: string }).address === '9 Refuge Synthetic Close',
    );
    expect(after).toMatchObject({ data: { personId: her } });
    expect(JSON.stringify(hers.person)).not.toContain(him);
  });

  it('keeps who recorded an event as they are when redacting the word MARAC', async () => {
    const { her } = await linkedThenSplit('Wenna', 'N17 7AD', { postcode: 'E5 0QV' });
    const hers = (await client.get(`/v1/audit/subject-access/${her}`, tokens.auditor, null).expect(200))
      .body as Report & {
      manualReview: { path: string; reason: string }[];
    };
    const byStaff = hers.cases.flatMap((c) => c.events).filter((e) => e.recordedBy.id !== COORDINATOR_ALL_PANELS.sub);
    expect(byStaff.length).toBeGreaterThan(0);
    for (const event of byStaff) expect(event.recordedBy).toMatchObject({ id: 'marac-1', name: 'Test marac-1' });
    // The reviewer still decides whether a recorder's name that says MARAC may be released.
    expect(hers.manualReview).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: expect.stringMatching(/recordedBy\.id$/) })]),
    );
  });
});
