/**
 * A client that pins the revision it read (`If-Match`) must never overwrite a change it has not
 * seen: every route whose OpenAPI entry documents `If-Match` answers a stale revision with 412 and
 * writes nothing. The routes come from the served document, so a new one is covered without
 * touching this file (review s9: `person-details` documented the header and ignored it).
 * Synthetic data only.
 */
import request from 'supertest';
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { allianceReferral, iomReferral, maracReferral, person } from './support/referrals';
import { distinctPerson } from './support/people';
import { POLICE_PROBATION_DSA } from './support/sharing';
import { startTestApi, type TestApi } from './support/test-api';
import { tokenFor } from './support/tokens';

type Json = Record<string, unknown>;

const MEETING = { panel: 'MARAC', scheduledFor: '2024-06-04T10:00:00Z', chair: 'DI Synthetic' };

interface PinnedRoute {
  readonly method: string;
  readonly path: string;
  readonly op: Json;
}

describe('If-Match on every route that documents it', () => {
  let api: TestApi;
  let store: EventStore;
  let token: string;
  let doc: Json;
  let meetingId: string;
  /** A case a body may name (a meeting's listing), never the route's own target. */
  let listedCaseId: string;
  let people = 0;

  const server = () => api.app.getHttpServer();
  const send = (method: string, url: string) =>
    (request(server()) as unknown as Record<string, (u: string) => request.Test>)[method.toLowerCase()]!(url).set(
      'Authorization',
      `Bearer ${token}`,
    );
  const created = async (url: string, body: object): Promise<Json> => {
    const answer = await send('POST', url).send(body);
    if (answer.status >= 300) throw new Error(`fixture ${url} answered ${answer.status} ${answer.text}`);
    return answer.body as Json;
  };

  const operations = (): PinnedRoute[] =>
    Object.entries(doc.paths as Record<string, Record<string, Json>>).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
    );
  const documentsIfMatch = (route: PinnedRoute): boolean =>
    ((route.op.parameters ?? []) as Json[]).some((p) => p.in === 'header' && p.name === 'If-Match');

  const schemaOf = (ref: Json | undefined): Json => {
    const name = typeof ref?.$ref === 'string' ? ref.$ref.split('/').pop()! : undefined;
    return name === undefined ? (ref ?? {}) : (((doc.components as Json).schemas as Json)[name] as Json);
  };
  /** A value the DTO accepts: its enum, its example, or one of its type; ids name real fixtures. */
  const valueFor = (name: string, ref: Json): unknown => {
    const schema = schemaOf(ref);
    if (name === 'meetingId') return meetingId;
    if (name === 'caseId') return listedCaseId;
    if (Array.isArray(schema.enum)) return schema.enum[0];
    if (schema.example !== undefined) return schema.example;
    if (schema.type === 'array') return [valueFor(name, schema.items as Json)];
    if (schema.properties !== undefined) return bodyOf(schema);
    return schema.type === 'boolean' ? true : schema.type === 'number' || schema.type === 'integer' ? 1 : 'Synthetic';
  };
  /** Its required fields, or (all optional, as on person-details) those the document gives an example of. */
  const bodyOf = (schema: Json): Json => {
    const properties = (schema.properties ?? {}) as Record<string, Json>;
    const required = (schema.required as string[] | undefined) ?? [];
    const sent =
      required.length > 0
        ? required
        : Object.keys(properties).filter(
            (key) => key !== 'occurredAt' && schemaOf(properties[key]).example !== undefined,
          );
    return Object.fromEntries(sent.map((key) => [key, valueFor(key, properties[key]!)]));
  };
  const requestBody = (route: PinnedRoute): Json =>
    bodyOf(
      schemaOf(
        ((route.op.requestBody as Json | undefined)?.content as Record<string, Json> | undefined)?.['application/json']
          ?.schema as Json | undefined,
      ),
    );

  /** The panel a route's summary names (`IOM: ...`, `Operation Alliance: ...`); MARAC otherwise. */
  const panelFor = (route: PinnedRoute): string => {
    const summary = typeof route.op.summary === 'string' ? route.op.summary : '';
    return summary.startsWith('IOM:') ? 'IOM' : summary.startsWith('Operation Alliance:') ? 'ALLIANCE' : 'MARAC';
  };
  const referralTo = (panel: string): Json => {
    people += 1;
    // A new person each time: a second referral of one person would be a repeat, with rules of its own
    // (on IOM, refused while the first case is open).
    const who = person(distinctPerson(people, 'Pinned'));
    if (panel === 'IOM') return iomReferral({}, { person: { ...who, sex: 'male', identifiers: undefined } });
    if (panel === 'ALLIANCE') return allianceReferral({ person: { ...who, dateOfBirth: '2006-06-01', sex: 'male' } });
    return maracReferral({ person: who });
  };
  const revisionOf = async (caseId: string): Promise<string> => {
    const answer = await send('GET', `/v1/cases/${caseId}`);
    return String(answer.headers.etag);
  };
  const caseOf = async (panel: string): Promise<string> =>
    ((await created('/v1/referrals', referralTo(panel))) as { caseId: string }).caseId;

  /**
   * What a route acts on, named by its first path parameter, and the revision (ETag) a client read
   * of it before someone else changed it. A route on anything else fails below, naming it.
   */
  const SUBJECTS: Record<string, (route: PinnedRoute) => Promise<{ ids: Record<string, string>; stale: string }>> = {
    caseId: async (route) => {
      const caseId = await caseOf(panelFor(route));
      const stale = await revisionOf(caseId);
      const ids: Record<string, string> = { caseId };
      ids.actionId = (
        await created(`/v1/cases/${caseId}/actions`, {
          description: 'Safety plan',
          ownerAgency: 'Probation',
          dueBy: '2024-06-01',
          occurredAt: '2024-05-03T14:00:00Z',
        })
      ).actionId as string;
      if (route.path.includes('{interventionId}'))
        ids.interventionId = (
          await created(`/v1/cases/${caseId}/interventions`, {
            type: 'boxing club',
            provider: 'Tottenham Boxing Academy',
          })
        ).interventionId as string;
      expect(await revisionOf(caseId)).not.toBe(stale);
      return { ids, stale };
    },
    meetingId: async () => {
      const answer = await send('POST', '/v1/meetings').send(MEETING);
      const ids = { meetingId: (answer.body as Json).meetingId as string };
      await created(`/v1/meetings/${ids.meetingId}/cases`, { caseId: await caseOf('MARAC'), agencyRequests: [] });
      return { ids, stale: String(answer.headers.etag) };
    },
    dsaId: async () => {
      const answer = await send('POST', '/v1/sharing-agreements').send(POLICE_PROBATION_DSA);
      const ids = { dsaId: (answer.body as Json).dsaId as string };
      await created(`/v1/sharing-agreements/${ids.dsaId}/parties`, { agency: 'Islington Council' });
      return { ids, stale: String(answer.headers.etag) };
    },
  };
  const staleTarget = async (route: PinnedRoute): Promise<{ url: string; stale: string } | undefined> => {
    const subject = SUBJECTS[/\{(\w+)\}/.exec(route.path)?.[1] ?? ''];
    if (subject === undefined) return undefined;
    const { ids, stale } = await subject(route);
    return { url: route.path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name]!), stale };
  };

  beforeAll(async () => {
    api = await startTestApi();
    store = api.app.get<EventStore>(EVENT_STORE);
    token = await tokenFor({
      sub: 'if-match-coordinator',
      agency: 'Metropolitan Police',
      roles: ['coordinator', 'practitioner', 'admin'],
      panels: ['IOM', 'MARAC', 'ALLIANCE'],
    });
    doc = (await request(server()).get('/docs-json')).body as Json;
    meetingId = (await created('/v1/meetings', MEETING)).meetingId as string;
    listedCaseId = await caseOf('MARAC');
  }, 60_000);
  afterAll(async () => {
    await api?.close();
  });

  it('documents If-Match on every command on a case, so each one is held to it below', () => {
    const caseCommands = operations().filter((r) => r.method !== 'GET' && r.path.startsWith('/v1/cases/{caseId}/'));
    expect(caseCommands.length).toBeGreaterThan(20);
    expect(caseCommands.filter((r) => !documentsIfMatch(r)).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('answers a stale revision with 412 expected-revision and appends nothing', async () => {
    const pinned = operations().filter(documentsIfMatch);
    expect(pinned.length).toBeGreaterThan(20);
    const failures: string[] = [];
    for (const route of pinned) {
      const target = await staleTarget(route);
      if (target === undefined) {
        failures.push(`${route.method} ${route.path}: no fixture for what it acts on; add one to SUBJECTS`);
        continue;
      }
      const { url, stale } = target;
      const body = requestBody(route);
      const head = await store.headPosition();
      const answer = await send(route.method, url).set('If-Match', stale).send(body);
      const appended = (await store.headPosition()) > head ? await store.readAll({ fromPosition: head }) : [];
      const rule = (answer.body as Json | undefined)?.rule;
      if (answer.status !== 412 || rule !== 'expected-revision' || appended.length > 0)
        failures.push(
          `${route.method} ${route.path} with If-Match ${stale} ${JSON.stringify(body)}: answered ${answer.status} ` +
            `${answer.text.slice(0, 300)}; appended [${appended.map((e) => e.type).join(', ')}]`,
        );
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('lets the revision just read through, so the 412 above is about staleness', async () => {
    const route = operations().find((r) => r.path === '/v1/cases/{caseId}/person-details')!;
    const { url } = (await staleTarget(route))!;
    const current = await revisionOf(url.split('/')[3]!);
    const answer = await send('POST', url).set('If-Match', current).send({ address: '2 Synthetic Road' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ events: ['person-details-recorded'] });
  });
});
