import { apiForSuite } from './support/api-suite';
import { uploadedToIom, type IomUploadJob } from './support/iom-upload';
import { confirmedAsOnePerson } from './support/match-reviews';
import { syntheticPnc } from './support/people';
import { referredToMarac } from './support/marac';
import { iomReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

// Synthetic people and CRNs only.
const HEADER =
  'CRN,PNC,Forenames,Surname,Date of birth,Postcode,OGRS 2-year,OVP 2-year,Robbery/burglary in last 2 years';
/** OGRS/OVP scores and the robbery flag: eligible (two different score sets) and not eligible. */
const ELIGIBLE = '80,40,N';
const ELIGIBLE_RESCORED = '90,45,N';
const NOT_ELIGIBLE = '40,20,N';

interface Nominal {
  readonly crn: string;
  readonly pnc?: string;
  readonly dateOfBirth: string;
  readonly postcode?: string;
}
const rowOf = (surname: string, { crn, pnc, dateOfBirth, postcode }: Nominal, scores: string): string =>
  `${crn},${pnc ?? ''},Dean,${surname},${dateOfBirth},${postcode ?? ''},${scores}`;

interface CaseEvent {
  readonly type: string;
  readonly data: Record<string, unknown> & { inputs?: { ogrs2y?: number }; month?: string; reason?: string };
}
interface RowLine {
  readonly crn: string;
  readonly outcome: string;
  readonly personId: string;
  readonly caseId: string;
}

/**
 * The monthly IOM upload follows splits: a split that moved an IOM case to a new person moved
 * the case's standing in the cohort with it. The person who now holds the case has it evaluated
 * or flagged by their own row; the person it left is judged as someone with no open IOM case.
 */
describe('IOM upload after a split moved an IOM case to a new person', () => {
  const { api, client, tokens } = apiForSuite({ coordinator: COORDINATOR_ALL_PANELS });

  const upload = (month: string, rows: readonly string[]) =>
    uploadedToIom(api, tokens.coordinator, month, [HEADER, ...rows].join('\n'));
  const rowsOf = async (job: IomUploadJob): Promise<RowLine[]> => {
    const file = job.result.files.find((f) => f.name === 'rows.csv');
    const csv = await client.get(file?.href ?? 'missing', tokens.coordinator, null).expect(200);
    return csv.text
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => {
        const [, crn = '', outcome = '', personId = '', caseId = ''] = line.split(',');
        return { crn, outcome, personId, caseId };
      });
  };
  const eventsOf = async (caseId: string): Promise<CaseEvent[]> =>
    (await client.get(`/v1/cases/${caseId}/events`, tokens.coordinator).expect(200)).body.items as CaseEvent[];

  /**
   * One man recorded twice: as a MARAC referral's victim (name and date of birth), and by PNC in a
   * core partner's IOM referral months off on his date of birth, confirmed as him in review. A
   * coordinator then finds they are two men and splits the second record and its IOM case off to a
   * new person (not an undoing of the merge). `serial` keeps each test's CRNs and PNC its own.
   */
  const twoMenSplitApart = async (
    surname: string,
    serial: number,
    datesOfBirth: [string, string],
    referredAt: string,
  ) => {
    const first: Nominal = { crn: `P${serial}`, dateOfBirth: datesOfBirth[0] };
    const second: Nominal = {
      crn: `Q${serial}`,
      pnc: syntheticPnc(serial),
      dateOfBirth: datesOfBirth[1],
      postcode: 'E8 3QT',
    };
    const victim = person({
      forenames: 'Dean',
      surname,
      dateOfBirth: first.dateOfBirth,
      sex: 'male',
      postcode: undefined,
    });
    const marac = await referredToMarac(client, tokens.coordinator, victim, referredAt);
    const nominal = person({
      ...victim,
      dateOfBirth: second.dateOfBirth,
      postcode: second.postcode,
      identifiers: { pnc: second.pnc },
    });
    const referred = await client.refer(
      tokens.coordinator,
      iomReferral({ ogrs2: 76, ovp2: 31 }, { person: nominal, referredAt }),
    );
    const survivor = marac.personId;
    await confirmedAsOnePerson(client, tokens.coordinator, survivor, referred.personId, 'Probation: one nominal');
    const held = await client.personView<{ records: { recordId: string; caseId?: string }[] }>(
      tokens.coordinator,
      survivor,
    );
    const record = held.records.find((r) => r.caseId === referred.caseId);
    const split = await client.post(`/v1/people/${survivor}/split`, tokens.coordinator, {
      recordIds: [record?.recordId],
      caseIds: [referred.caseId],
      reason: 'Two different men per probation: dates of birth months apart',
    });
    expect(split.status).toBe(200);
    const holder = split.body.intoPersonId as string;
    /** The month's upload with a row for each man: the rows.csv line of each. */
    const uploaded = async (month: string, scores: { left: string; holder: string }) => {
      const rows = await rowsOf(
        await upload(month, [rowOf(surname, first, scores.left), rowOf(surname, second, scores.holder)]),
      );
      return { leftRow: rows.find((r) => r.crn === first.crn), holderRow: rows.find((r) => r.crn === second.crn) };
    };
    return { left: survivor, holder, caseId: referred.caseId, uploaded };
  };

  it('evaluates the moved case on its holder’s row, and refers the person it left as someone without a case', async () => {
    const men = await twoMenSplitApart('Penhallow', 400002, ['1991-05-06', '1991-11-23'], '2024-01-20T10:00:00Z');
    const { left, holder, caseId } = men;

    const { leftRow, holderRow } = await men.uploaded('2024-02', { left: ELIGIBLE, holder: ELIGIBLE_RESCORED });
    expect(holderRow).toMatchObject({ personId: holder, outcome: 'unchanged', caseId });
    expect(leftRow).toMatchObject({ personId: left, outcome: 'new' });
    expect(leftRow?.caseId).not.toBe(caseId);

    const evaluated = (await eventsOf(caseId)).filter((e) => e.type === 'iom-eligibility-evaluated');
    // The holder's scores, never the other man's.
    expect(evaluated.at(-1)?.data).toMatchObject({ month: '2024-02', inputs: { ogrs2y: 90 } });
    expect(evaluated.map((e) => e.data.inputs?.ogrs2y)).not.toContain(80);
  });

  it('never flags the moved case for the person it left, who counts as having no open case', async () => {
    const men = await twoMenSplitApart('Trevenna', 400003, ['1989-09-12', '1989-03-27'], '2024-03-20T10:00:00Z');
    const { left, holder, caseId } = men;

    const { leftRow, holderRow } = await men.uploaded('2024-04', { left: NOT_ELIGIBLE, holder: ELIGIBLE });
    // The split took IOM's case (and record) away from him, leaving him MARAC's: his row reads as a stranger's.
    expect(leftRow).toMatchObject({ personId: '', outcome: 'unchanged', caseId: '' });
    expect(left).not.toBe('');
    expect(holderRow).toMatchObject({ personId: holder, outcome: 'unchanged', caseId });
    const events = await eventsOf(caseId);
    expect(events.filter((e) => e.type === 'iom-cohort-expiry-flagged')).toEqual([]);
    expect(events.filter((e) => e.type === 'iom-eligibility-evaluated').at(-1)?.data).toMatchObject({
      month: '2024-04',
      inputs: { ogrs2y: 80 },
    });
  });
});
