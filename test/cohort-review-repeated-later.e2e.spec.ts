import { apiForSuite } from './support/api-suite';
import { syntheticPnc } from './support/people';
import { iomReferral, maracReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- items are read field by field, as the API answers them
type Item = Record<string, any> & { caseId: string };

/**
 * A panel that reviews a nominal and finds nothing changed says so: the 1 March IOM panel kept
 * Piran in custody with the same needs as on 1 February. That review is the panel's latest word,
 * so the mid-February review a coordinator types up afterwards is history, not what the tracker,
 * `?asOf=`, the case view and the agenda show now. A retry (the same review with the same
 * `occurredAt`, or the same `Idempotency-Key`) still records nothing. Synthetic people only.
 */
describe('a review repeating the status or IOM pathways, then an earlier review typed up late', () => {
  const { client, tokens } = apiForSuite({ coordinator: COORDINATOR_ALL_PANELS });
  const t = () => tokens.coordinator;

  const recorded = async (url: string, body: object, headers: Record<string, string> = {}): Promise<string[]> => {
    const res = await client.post(url, t(), body, headers);
    expect({ url, status: res.status }).toEqual({ url, status: 200 });
    return res.body.events as string[];
  };
  const get = (url: string) => client.get(url, t(), 'cohort review').expect(200);
  const itemOf = async (panel: string, caseId: string, query = ''): Promise<Item | undefined> =>
    ((await get(`/v1/panels/${panel}/cohort?limit=500${query}`)).body.items as Item[]).find((i) => i.caseId === caseId);
  const agendaStatusOf = async (panel: string, caseId: string): Promise<string | null> => {
    const meeting = await client.post('/v1/meetings', t(), {
      panel,
      scheduledFor: '2030-01-10T10:00:00Z',
      chair: 'DI Test',
    });
    const listed = await client.post(`/v1/meetings/${meeting.body.meetingId}/cases`, t(), {
      caseId,
      agencyRequests: [],
    });
    expect([meeting.status, listed.status]).toEqual([201, 201]);
    const agenda = (await get(`/v1/meetings/${meeting.body.meetingId}/agenda`)).body.items as Item[];
    return agenda.find((i) => i.caseId === caseId)?.currentStatus ?? null;
  };

  it('IOM: the 1 March review stands over a 15 February review entered after it', async () => {
    const { caseId } = await client.refer(
      t(),
      iomReferral(
        { currentStatus: 'licence' },
        {
          referredAt: '2024-01-05T10:00:00Z',
          person: person({
            forenames: 'Piran',
            surname: 'Reconfirm',
            dateOfBirth: '1985-05-05',
            sex: 'male',
            identifiers: { pnc: syntheticPnc(626262) },
          }),
        },
      ),
    );
    const on = (day: string) => `2024-${day}T10:00:00Z`;
    const pathways = (needs: string[], day: string) =>
      recorded(`/v1/cases/${caseId}/iom/pathways`, { pathways: needs, occurredAt: on(day) });
    const status = (code: string, day: string) =>
      recorded(`/v1/cases/${caseId}/status`, { status: code, occurredAt: on(day) });
    await recorded(`/v1/cases/${caseId}/iom/adopt`, { reason: 'Core cohort', occurredAt: on('01-10') });
    await pathways(['accommodation', 'drugs-alcohol'], '02-01');
    await status('custody', '02-01');

    const march = {
      pathways: await pathways(['drugs-alcohol', 'accommodation'], '03-01'),
      status: await status('custody', '03-01'),
      pathwaysRetried: await pathways(['accommodation', 'drugs-alcohol'], '03-01'),
      statusRetried: await status('custody', '03-01'),
    };
    expect(march).toEqual({
      pathways: ['iom-pathways-updated'],
      status: ['case-status-changed'],
      pathwaysRetried: [],
      statusRetried: [],
    });
    await pathways(['attitudes'], '02-15');
    await status('pre-release', '02-15');

    const read = async (query = '') => {
      const item = await itemOf('IOM', caseId, query);
      return [item?.currentStatus, item?.iom.pathways];
    };
    const view = (await get(`/v1/cases/${caseId}`)).body;
    expect({
      live: await read(),
      asOf2March: await read('&asOf=2024-03-02'),
      asOf20February: await read('&asOf=2024-02-20'),
      caseView: [view.currentStatus, view.details.pathways],
      agenda: await agendaStatusOf('IOM', caseId),
    }).toEqual({
      live: ['custody', ['accommodation', 'drugs-alcohol']],
      asOf2March: ['custody', ['accommodation', 'drugs-alcohol']],
      asOf20February: ['pre-release', ['attitudes']],
      caseView: ['custody', ['accommodation', 'drugs-alcohol']],
      agenda: 'custody',
    });
  });

  it('MARAC: a repeated status stands over an earlier one entered after it; an Idempotency-Key retry adds nothing', async () => {
    const { caseId } = await client.refer(
      t(),
      maracReferral(
        {
          referredAt: '2024-01-05T10:00:00Z',
          person: person({ forenames: 'Tamsin', surname: 'Reconfirm', dateOfBirth: '1988-08-08' }),
        },
        { perpetrator: undefined },
      ),
    );
    const status = (code: string, occurredAt: string, headers: Record<string, string> = {}) =>
      recorded(`/v1/cases/${caseId}/status`, { status: code, occurredAt }, headers);
    await recorded(`/v1/cases/${caseId}/accept`, { occurredAt: '2024-01-10T10:00:00Z' });
    await status('action-plan-in-progress', '2024-02-01T10:00:00Z');
    const key = { 'Idempotency-Key': 'marac-march-status-review' };
    expect(await status('action-plan-in-progress', '2024-03-01T10:00:00Z', key)).toEqual(['case-status-changed']);
    const replay = await client.post(
      `/v1/cases/${caseId}/status`,
      t(),
      { status: 'action-plan-in-progress', occurredAt: '2024-03-01T10:00:00Z' },
      key,
    );
    expect([replay.status, replay.headers['idempotent-replayed']]).toEqual([200, 'true']);
    await status('idva-support', '2024-02-15T10:00:00Z');

    const history = (await get(`/v1/cases/${caseId}/events`)).body.items as Item[];
    expect({
      live: (await itemOf('MARAC', caseId))?.currentStatus,
      asOf2March: (await itemOf('MARAC', caseId, '&asOf=2024-03-02'))?.currentStatus,
      asOf20February: (await itemOf('MARAC', caseId, '&asOf=2024-02-20'))?.currentStatus,
      caseView: (await get(`/v1/cases/${caseId}`)).body.currentStatus,
      agenda: await agendaStatusOf('MARAC', caseId),
      recorded: history.filter((e) => e.type === 'case-status-changed').map((e) => e.data.occurredAt),
    }).toEqual({
      live: 'action-plan-in-progress',
      asOf2March: 'action-plan-in-progress',
      asOf20February: 'idva-support',
      caseView: 'action-plan-in-progress',
      agenda: 'action-plan-in-progress',
      recorded: ['2024-02-01T10:00:00Z', '2024-03-01T10:00:00Z', '2024-02-15T10:00:00Z'],
    });
  });
});
