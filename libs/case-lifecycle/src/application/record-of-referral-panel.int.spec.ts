import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { CommandContext } from '../../../command-handling/src/command-context';
import { handleCommand } from '../../../command-handling/src/handle-command';
import { coordinatorContext } from '../../../command-handling/src/testing/coordinator-context';
import type { EventStore } from '../../../event-store/src/port/event-store';
import { SqliteEventStore } from '../../../event-store/src/sqlite/sqlite-event-store';
import type { MatchLevels } from '../../../identity/src/domain/matching';
import { identityStream, personLinksDecider } from '../../../identity/src/domain/person-links';
import { caseStream, createCaseDecider, DEFAULT_PANEL_REGISTRY, personDecider, personStream } from '../domain';
import type { PersonDetails } from '../domain/events/person-events';
import type { IomReferralRoute } from '../domain/vocabulary/iom';
import { iomInput, maracInput, referral } from '../domain/testing/case-fixtures';
import { recordDetailsThroughCase } from './case-person-record';
import { ReferralHistory } from './referral-history';

const her: PersonDetails = {
  forenames: 'Hermione',
  surname: 'Syntheticson',
  aliases: [],
  dateOfBirth: '1986-03-14',
  identifiers: {},
};
const REFUGE = { address: '12 Refuge Synthetic Lane', postcode: 'E9 7QQ' };
const cases = createCaseDecider(DEFAULT_PANEL_REGISTRY);

/**
 * Referrals recorded before a referral named the record it brought in: which panel brought a
 * record in is then read from the request both were written in. A front-end that traces a session
 * under one X-Correlation-Id gives every request the same correlation id, so that id alone must
 * not decide; the server's clock at the request (recordedAt) tells the requests apart.
 */
describe('records brought in by referrals recorded before referrals named them (real SQLite log)', () => {
  let dir: string;
  let store: EventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'record-of-panel-'));
    store = SqliteEventStore.inDataDir(dir, { synchronous: 'NORMAL' });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** One request of a session traced under `session`, as the API received it at `at`. */
  const request = (session: string, at: string): CommandContext => ({
    ...coordinatorContext(at),
    correlationId: session,
    causationId: session,
  });
  const personId = randomUUID();
  const register = (context: CommandContext) =>
    handleCommand(
      store,
      personStream(personId),
      personDecider,
      { type: 'register-person', data: { personId, details: her, occurredAt: context.occurredAt } },
      context,
    );
  const link = (recordId: string, context: CommandContext) =>
    handleCommand(
      store,
      identityStream(personId),
      personLinksDecider,
      {
        type: 'link-record',
        data: {
          personId,
          recordId,
          details: her,
          score: 20,
          levels: { forename: 'exact' } as unknown as MatchLevels,
          identifierAgreement: false,
          occurredAt: context.occurredAt,
        },
      },
      context,
    );
  /** The case as it was written then: its referral-made names no record. */
  const openCase = async (
    panelCode: 'IOM' | 'MARAC',
    context: CommandContext,
    route: IomReferralRoute = 'referral-form',
  ) => {
    const caseId = randomUUID();
    const details = panelCode === 'IOM' ? iomInput({}, { route }) : maracInput();
    const made = referral(panelCode, details);
    await handleCommand(
      store,
      caseStream(caseId),
      cases,
      { ...made, data: { ...made.data, caseId, personId } },
      context,
    );
    const history = new ReferralHistory(store);
    const { revision } = await history.read(personId);
    await history.note(personId, { caseId, panelCode, referredAt: made.data.occurredAt }, revision, context);
    return { caseId, panelCode, personId };
  };
  /** Her move recorded through the case the next day, in the same front-end session. */
  const moveNextDay = (current: { caseId: string; panelCode: string; personId: string }, session: string) =>
    recordDetailsThroughCase(store, current, REFUGE, request(session, '2024-03-02T09:00:00.000Z'));
  const written = async () =>
    (await store.readStream(identityStream(personId))).concat(await store.readStream(personStream(personId)));

  it('records her move through her MARAC case on MARAC’s linked record, not IOM’s registration', async () => {
    const iomRequest = request('session-1', '2024-03-01T10:00:00.000Z');
    await register(iomRequest);
    await openCase('IOM', iomRequest);
    const maracRequest = request('session-1', '2024-03-01T10:04:00.000Z');
    await link('record-marac', maracRequest);
    const marac = await openCase('MARAC', maracRequest);

    const moved = await moveNextDay(marac, 'session-1');
    expect(moved.eventTypes).toEqual(['person-record-details-recorded']);
    const move = (await written()).find((e) => e.type.endsWith('details-recorded'));
    expect(move?.data).toMatchObject({ recordId: 'record-marac', changes: REFUGE });
  });

  it('records her move on the record MARAC linked, not the one IOM linked later in the same session', async () => {
    await register(request('session-2', '2024-02-01T10:00:00.000Z'));
    const maracRequest = request('session-3', '2024-03-01T10:00:00.000Z');
    await link('record-marac', maracRequest);
    const marac = await openCase('MARAC', maracRequest);
    const iomRequest = request('session-3', '2024-03-01T10:05:00.000Z');
    await link('record-iom', iomRequest);
    await openCase('IOM', iomRequest);

    await moveNextDay(marac, 'session-3');
    const move = (await written()).find((e) => e.type === 'person-record-details-recorded');
    expect(move?.data).toMatchObject({ recordId: 'record-marac', changes: REFUGE });
  });

  it('still finds the registration the case’s own referral made in its request', async () => {
    const maracRequest = request('session-4', '2024-03-01T10:00:00.000Z');
    await register(maracRequest);
    const marac = await openCase('MARAC', maracRequest);

    const moved = await moveNextDay(marac, 'session-4');
    expect(moved.eventTypes).toEqual(['person-details-recorded']);
  });

  it('finds the registration a cohort upload’s row made, each step of the row under its own clock', async () => {
    await register(request('upload-1', '2024-03-01T10:00:00.000Z'));
    const iom = await openCase('IOM', request('upload-1', '2024-03-01T10:00:00.009Z'), 'probation-core-cohort-upload');

    const moved = await moveNextDay(iom, 'upload-1');
    expect(moved.eventTypes).toEqual(['person-details-recorded']);
  });
});
