/**
 * A subject-access report gives out what is held about the person, and not another person's data.
 * Once the log says an identifier on one of their records is not theirs (a coordinator removed it
 * from the record as recorded in error, or replaced it with another value through a correction, in
 * whatever form it was typed), the report withholds that value in the record's earlier events for a
 * person to decide on, and says where in `manualReview` as third-party data. A split stating the kind in error does not say which side the value is
 * wrong on, so alone it withholds nothing: the correction of the wrong record does. Values never
 * removed or replaced, and the value that replaced one, are given out as before. Synthetic people, numbers and staff only.
 */
import { apiForSuite } from './support/api-suite';
import { syntheticPnc } from './support/people';
import { mappaReferral, maracReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

const WITHHELD = '[withheld pending review]';
const THIRD_PARTY = 'third-party data: decide before disclosure';
/** The short form of a synthetic PNC ID (`1979/0006614B` as `79/6614B`): one PNC ID to the identity context. */
const shortForm = (pnc: string) => pnc.replace(/^\d\d(\d\d)\/0*(\d+)([A-Z])$/, '$1/$2$3');

interface Report {
  person: { events: { type: string; data: Record<string, unknown> }[] };
  manualReview: { path: string; reason: string }[];
}

/** The paths in `value` of every string containing `needle`. */
const pathsOf = (value: unknown, needle: string, at = '$'): string[] => {
  if (typeof value === 'string') return value.includes(needle) ? [at] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => pathsOf(v, needle, `${at}[${i}]`));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => pathsOf(v, needle, `${at}.${k}`));
  return [];
};

/** The value at a report path such as `$.person.events[0].data.details.identifiers.pnc`. */
const at = (report: unknown, path: string): unknown =>
  path
    .slice(1)
    .split(/\.|\[(\d+)\]/)
    .filter((step) => step !== undefined && step !== '')
    .reduce<unknown>((value, step) => (value as Record<string, unknown> | undefined)?.[step], report);

describe('subject access withholds an identifier the log says is not theirs', () => {
  const { client, tokens } = apiForSuite({
    all: { ...COORDINATOR_ALL_PANELS, panels: ['IOM', 'MARAC', 'ALLIANCE', 'MAPPA'] },
    mappa: { sub: 'mappa-sar-ids', name: 'Morgan Mappa', roles: ['coordinator'], panels: ['MAPPA'] },
    admin: { sub: 'admin-sar-ids', roles: ['admin'], panels: [] },
    auditor: { sub: 'auditor-sar-ids', roles: ['auditor'] },
  });
  const reportOf = async (personId: string) =>
    (await client.get(`/v1/audit/subject-access/${personId}`, tokens.auditor).expect(200)).body as Report;
  /** Identifiers corrected through the case (`null` removes one), accepted. */
  const corrected = async (
    caseId: string,
    token: string,
    identifiers: Record<string, string | null>,
    reason = 'typed from the victim’s record',
  ) => {
    const answer = await client.post(`/v1/cases/${caseId}/person-details`, token, { identifiers, reason });
    expect({ status: answer.status, rule: answer.body.rule }).toEqual({ status: 200, rule: undefined });
  };

  /**
   * A MARAC victim with PNC ID `hers`, and a MAPPA nominal referred with her number typed in error,
   * linked to her on it and split off her by a reviewer who states the PNC ID in error.
   */
  async function nominalSplitOffHer(forenames: string, hers: string) {
    const victim = person({
      forenames,
      surname: 'Quarrington',
      dateOfBirth: '1986-03-09',
      sex: 'female',
      postcode: 'E5 0LL',
      identifiers: { pnc: hers },
    });
    const marac = await client.refer(tokens.all, maracReferral({ person: victim }, { perpetrator: undefined }));
    const nominal = { ...victim, forenames: `${forenames}o`, sex: 'male', dateOfBirth: '1985-03-09' };
    const mappa = await client.refer(tokens.all, mappaReferral(nominal));
    expect(mappa.personId).toBe(marac.personId);
    const records = (
      await client.personView<{ records: { recordId: string; caseId?: string }[] }>(tokens.admin, marac.personId)
    ).records;
    const his = records.find((r) => r.caseId === mappa.caseId)?.recordId;
    const split = await client.post(`/v1/people/${marac.personId}/split`, tokens.all, {
      reason: 'his referral carried her PNC ID',
      recordIds: [his],
      caseIds: [mappa.caseId],
      identifiersInError: ['pnc'],
    });
    expect(split.status).toBe(200);
    return { her: marac.personId, him: split.body.intoPersonId as string, mappa };
  }

  /** Where `report` still shows `value`, and whether it withholds it where it stood, for review. */
  const expectWithheld = (report: Report, value: string, where: string[]) => {
    expect(pathsOf(report, value)).toEqual([]);
    for (const path of where) {
      expect(at(report, path)).toBe(WITHHELD);
      expect(report.manualReview).toContainEqual({ path, reason: THIRD_PARTY });
    }
  };

  it('withholds from his report the PNC ID his coordinator removed from his record, and leaves it in hers', async () => {
    const hers = syntheticPnc(6611);
    const { her, him, mappa } = await nominalSplitOffHer('Lian', hers);
    await corrected(mappa.caseId, tokens.mappa, { pnc: null });

    const his = await reportOf(him);
    const link = his.person.events.findIndex((e) => e.type === 'person-record-linked');
    expect(link).toBeGreaterThanOrEqual(0);
    expectWithheld(his, hers, [`$.person.events[${link}].data.details.identifiers.pnc`]);
    // The rest of what his referral recorded is his, as before.
    expect(his.person.events[link]?.data['details']).toMatchObject({ forenames: 'Liano', surname: 'Quarrington' });

    const herReport = await reportOf(her);
    expect(pathsOf(herReport, hers).length).toBeGreaterThan(0);
    // Her own value is hers: not withheld, and nothing at it for review.
    expect(herReport.manualReview.filter((note) => /\.identifiers\.pnc$/.test(note.path))).toEqual([]);
  });

  it('withholds from his report the PNC ID his coordinator replaced with his own, gives out his, and leaves hers', async () => {
    const hers = syntheticPnc(6621);
    const own = syntheticPnc(6622);
    const { her, him, mappa } = await nominalSplitOffHer('Ewan', hers);
    const herBefore = await reportOf(her);
    await corrected(mappa.caseId, tokens.mappa, { pnc: own }, 'his referral carried her PNC ID; his own is on PNC');

    const his = await reportOf(him);
    const link = his.person.events.findIndex((e) => e.type === 'person-record-linked');
    expect(link).toBeGreaterThanOrEqual(0);
    expectWithheld(his, hers, [`$.person.events[${link}].data.details.identifiers.pnc`]);
    expect(his.person.events[link]?.data['details']).toMatchObject({ forenames: 'Ewano', surname: 'Quarrington' });
    // His own PNC ID, as the correction recorded it, is his: given out, with nothing at it for review.
    const correction = his.person.events.findIndex((e) => e.type === 'person-record-details-recorded');
    expect(at(his, `$.person.events[${correction}].data.changes.identifiers.pnc`)).toBe(own);
    expect(his.manualReview.map((note) => note.path)).not.toContain(
      `$.person.events[${correction}].data.changes.identifiers.pnc`,
    );

    // Her report says of her what it said before his correction: her PNC ID given out, nothing withheld.
    const herAfter = await reportOf(her);
    expect(herAfter.person).toEqual(herBefore.person);
    expect(herAfter.manualReview).toEqual(herBefore.manualReview);
    expect(pathsOf(herAfter, hers).length).toBeGreaterThan(0);
    expect(pathsOf(herAfter, own)).toEqual([]);
  });

  it('withholds nothing on the split alone: it does not say whose the value is, the removal that follows does', async () => {
    const hers = syntheticPnc(6612);
    const { him } = await nominalSplitOffHer('Tamsin', hers);

    const his = await reportOf(him);
    const link = his.person.events.findIndex((e) => e.type === 'person-record-linked');
    expect(at(his, `$.person.events[${link}].data.details.identifiers.pnc`)).toBe(hers);
    expect(his.manualReview.filter((note) => /\.identifiers\.pnc$/.test(note.path))).toEqual([]);
  });

  it('keeps her own PNC ID in her report when the split moved her record off the nominal registered first', async () => {
    const hers = syntheticPnc(6614);
    const victim = person({
      forenames: 'Morwen',
      surname: 'Quarrington',
      dateOfBirth: '1986-03-09',
      sex: 'female',
      postcode: 'E5 0LL',
      identifiers: { pnc: hers },
    });
    const mappa = await client.refer(
      tokens.all,
      mappaReferral({ ...victim, forenames: 'Morweno', sex: 'male', dateOfBirth: '1985-03-09' }),
    );
    const marac = await client.refer(tokens.all, maracReferral({ person: victim }, { perpetrator: undefined }));
    expect(marac.personId).toBe(mappa.personId);
    const records = (
      await client.personView<{ records: { recordId: string; caseId?: string }[] }>(tokens.admin, mappa.personId)
    ).records;
    // His record is the registration, so the reviewer can only move hers off him.
    const split = await client.post(`/v1/people/${mappa.personId}/split`, tokens.all, {
      reason: 'his referral carried her PNC ID',
      recordIds: [records.find((r) => r.caseId === marac.caseId)?.recordId],
      caseIds: [marac.caseId],
      identifiersInError: ['pnc'],
    });
    expect(split.status).toBe(200);
    const her = split.body.intoPersonId as string;
    await corrected(mappa.caseId, tokens.mappa, { pnc: null });

    const herReport = await reportOf(her);
    const link = herReport.person.events.findIndex((e) => e.type === 'person-record-linked');
    expect(at(herReport, `$.person.events[${link}].data.details.identifiers.pnc`)).toBe(hers);
    expect(herReport.manualReview.filter((note) => /\.identifiers\.pnc$/.test(note.path))).toEqual([]);

    const his = await reportOf(mappa.personId);
    const registered = his.person.events.findIndex((e) => e.type === 'person-registered');
    expectWithheld(his, hers, [`$.person.events[${registered}].data.details.identifiers.pnc`]);
  });

  it('withholds the value as registered when the one removed was the same PNC ID in its short form', async () => {
    const sisters = syntheticPnc(6615);
    const victim = person({
      forenames: 'Ysella',
      surname: 'Angwin',
      dateOfBirth: '1992-03-03',
      identifiers: { pnc: sisters },
    });
    const marac = await client.refer(tokens.all, maracReferral({ person: victim }, { perpetrator: undefined }));
    await corrected(marac.caseId, tokens.all, { pnc: shortForm(sisters) }, 'police use the short form');
    await corrected(marac.caseId, tokens.all, { pnc: null }, 'it is her sister’s');

    const report = await reportOf(marac.personId);
    const registered = report.person.events.findIndex((e) => e.type === 'person-registered');
    expectWithheld(report, sisters, [`$.person.events[${registered}].data.details.identifiers.pnc`]);
    expect(pathsOf(report, shortForm(sisters))).toEqual([]);
  });

  it('withholds a value removed from her own registration and gives out the identifiers never removed', async () => {
    const typed = syntheticPnc(6613);
    const victim = person({
      forenames: 'Kerensa',
      surname: 'Angwin',
      dateOfBirth: '1990-10-04',
      identifiers: { pnc: typed, nhsNumber: '9434765919' },
    });
    const marac = await client.refer(tokens.all, maracReferral({ person: victim }, { perpetrator: undefined }));
    await corrected(marac.caseId, tokens.all, { pnc: null });

    const report = await reportOf(marac.personId);
    const registered = report.person.events.findIndex((e) => e.type === 'person-registered');
    expectWithheld(report, typed, [`$.person.events[${registered}].data.details.identifiers.pnc`]);
    expect(at(report, `$.person.events[${registered}].data.details.identifiers.nhs`)).toBe('9434765919');
  });
});
