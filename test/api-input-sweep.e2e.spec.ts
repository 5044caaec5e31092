/**
 * Bad input on every documented route (review s9, made durable): the routes come from the served
 * OpenAPI document, so a new route is swept without touching this file. Whatever a probe sends,
 * the answer is never a 5xx, a refusal appends nothing to the event log, and a 400 to a probe aimed
 * at one body field, query parameter, path parameter or header names it in `errors[]`.
 * Every route meets every probe kind in a fixed order (no randomness), on fixtures of its own where
 * its commands change state, so adding a route changes nothing for the others. Synthetic data only.
 */
import { Logger } from '@nestjs/common';
import request from 'supertest';
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { allianceReferral, iomReferral, maracReferral, person } from './support/referrals';
import { distinctPerson } from './support/people';
import { registeredRoutes } from './support/routes';
import { POLICE_PROBATION_DSA } from './support/sharing';
import { startTestApi, type TestApi } from './support/test-api';
import { tokenFor } from './support/tokens';

type Json = Record<string, unknown>;
type Segment = string | number;

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly op: Json;
}

interface Probe {
  readonly label: string;
  readonly url: string;
  readonly body?: unknown;
  readonly raw?: { readonly type: string; readonly data: string };
  readonly headers?: Record<string, string>;
  /** The field, parameter or header a 400 must name in `errors[]`. */
  readonly names?: string;
  /** The input is wrong whatever the state: a 2xx accepted it. */
  readonly refuse?: boolean;
  /** Refused as a 400 in particular (a malformed id, not a 404 for an id that is not there). */
  readonly badRequest?: boolean;
  /**
   * The same request without the probed value (null read as absent, text taken as text): a 400
   * that does not name the field is that request's own refusal when this one answers it alike.
   */
  readonly alike?: { readonly body?: unknown; readonly headers?: Record<string, string> };
}

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const LONG_TEXT = 'x'.repeat(100_000);
const CONTROL_CHARACTERS = 'a\u0001b\u001b[31mc\u0007';
const GDPR_SAFEGUARDING = {
  regime: 'uk-gdpr',
  article6: 'e-public-task',
  article9: 'g-substantial-public-interest',
  schedule1: ['para-18-safeguarding-children-and-individuals-at-risk'],
};
const PARTNERSHIP_DSA = {
  ...POLICE_PROBATION_DSA,
  parties: ['Metropolitan Police', 'Probation', 'Haringey Council'],
  lawfulBasis: GDPR_SAFEGUARDING,
};

/**
 * Refusals that name no field although the probe aimed at one, each for a documented reason.
 * Keyed by the start of `<METHOD> <path> [<probe label>]`; a key that matches nothing fails the sweep.
 */
const UNNAMED_REFUSALS: Record<string, string> = {};

/**
 * Wrong input a route still answers 2xx, each for a reason. Keyed by the start of
 * `<METHOD> <path> [<probe label>]`; a key that matches nothing fails the sweep, so a fix removes it.
 */
const ACCEPTED_ODDITIES: Record<string, string> = {
  'GET /health [unknown parameter]': 'load balancers and monitors add their own query; health reads none',
  'GET /health [__proto__ parameter]': 'load balancers and monitors add their own query; health reads none',
  'GET /ready [unknown parameter]': 'load balancers and monitors add their own query; readiness reads none',
  'GET /ready [__proto__ parameter]': 'load balancers and monitors add their own query; readiness reads none',
};

/**
 * Path parameters that are not ids this API mints as UUIDs, so a malformed one may be 404, not
 * 400. Keyed `{name}` on any route, or `<path> {name}` on one.
 */
const NOT_UUID_PARAMETERS: Record<string, string> = {
  '{kind}': 'a job kind is a name in the kind registry (404 job-kind-exists)',
  '{name}': 'a job file is named by its job (404 job-file-exists)',
  '{panel}': 'a panel is a code in the panel registry',
  '/v1/jobs/{id} {id}': "a job id is the queue's own, not a UUID (404 job-exists)",
  '/v1/jobs/{id}/files/{name} {id}': "a job id is the queue's own, not a UUID (404 job-exists)",
};

const pathOf = (segments: readonly Segment[]): string =>
  segments.reduce<string>((out, s) => (typeof s === 'number' ? `${out}[${s}]` : out === '' ? s : `${out}.${s}`), '');

/** A field is named by itself or by one of its parts (`person` refused as `person.surname` required). */
const isNamed = (named: string, target: string): boolean =>
  named.toLowerCase() === target.toLowerCase() || named.startsWith(`${target}.`) || named.startsWith(`${target}[`);

describe('bad input on every documented route', () => {
  let api: TestApi;
  let store: EventStore;
  let token: string;
  let doc: Json;
  let operations: Operation[];
  const swept = new Set<string>();
  const usedExceptions = new Set<string>();
  const loggedErrors = jest.spyOn(Logger.prototype, 'error');

  const server = () => api.app.getHttpServer();
  const call = (method: string, url: string) =>
    (request(server()) as unknown as Record<string, (u: string) => request.Test>)[method.toLowerCase()]!(url)
      .set('Authorization', `Bearer ${token}`)
      .set('X-Purpose', 'input sweep');
  const post = async (url: string, body: object): Promise<Json> => {
    const answer = await call('POST', url).send(body);
    if (answer.status >= 300) throw new Error(`fixture ${url} answered ${answer.status} ${answer.text}`);
    return answer.body as Json;
  };

  // ---- the document's schemas -------------------------------------------------------------
  const resolve = (ref: Json | undefined): Json => {
    if (ref === undefined) return {};
    const name = typeof ref.$ref === 'string' ? ref.$ref.split('/').pop() : undefined;
    if (name !== undefined) return resolve(((doc.components as Json).schemas as Json)[name] as Json);
    if (Array.isArray(ref.allOf)) return { ...resolve(ref.allOf[0] as Json), ...ref, allOf: undefined };
    return ref;
  };
  const kindOf = (schema: Json): string | undefined =>
    schema.type === 'integer' ? 'number' : typeof schema.type === 'string' ? schema.type : undefined;
  const leaf = (name: string, schema: Json): unknown => {
    if (Array.isArray(schema.enum)) return schema.enum[0];
    if (schema.example !== undefined) return schema.example;
    if (kindOf(schema) === 'number') return typeof schema.minimum === 'number' ? Math.max(schema.minimum, 1) : 1;
    if (kindOf(schema) === 'boolean') return true;
    if (schema.format === 'uuid' || /Id$/.test(name)) return UNKNOWN_ID;
    if (/At$/.test(name)) return '2024-05-03T14:00:00Z';
    if (/(Date|From|By)$/.test(name)) return '2024-06-01';
    return `Synthetic ${name}`;
  };
  /** A body with the schema's required fields, for a route this sweep has no better body for. */
  const generate = (name: string, ref: Json | undefined, depth = 0): unknown => {
    const schema = resolve(ref);
    if (kindOf(schema) === 'array') return [generate(name, schema.items as Json, depth + 1)];
    if (schema.properties === undefined || depth > 5) return leaf(name, schema);
    const required = (schema.required as string[] | undefined) ?? [];
    return Object.fromEntries(
      required.map((key) => [key, generate(key, (schema.properties as Json)[key] as Json, depth + 1)]),
    );
  };

  interface Field {
    readonly segments: readonly Segment[];
    readonly schemas: readonly Json[];
    readonly required: boolean;
  }
  /** Every field of a body schema, optional and nested ones too, items of arrays as `[0]`. */
  const fieldsOf = (ref: Json, prefix: Field | undefined = undefined): Field[] => {
    const schema = resolve(ref);
    if ((prefix?.segments.length ?? 0) > 4) return [];
    const at = (segment: Segment, child: Json, required: boolean): Field => ({
      segments: [...(prefix?.segments ?? []), segment],
      schemas: [...(prefix?.schemas ?? []), resolve(child)],
      required,
    });
    if (kindOf(schema) === 'array' && prefix !== undefined) {
      const items = resolve(schema.items as Json);
      return items.properties === undefined ? [] : fieldsOf(items, at(0, items, true));
    }
    const required = new Set((schema.required as string[] | undefined) ?? []);
    return Object.entries((schema.properties ?? {}) as Record<string, Json>).flatMap(([key, child]) => {
      const field = at(key, child, required.has(key));
      return [field, ...fieldsOf(child, field)];
    });
  };
  /** The base body with one field set (or removed), building any part the base left out. */
  const withField = (base: Json, field: Field, value: unknown, remove = false): Json => {
    const copy = structuredClone(base);
    let at: Record<Segment, unknown> = copy;
    field.segments.forEach((segment, i) => {
      if (i === field.segments.length - 1) {
        if (remove) delete at[segment];
        else at[segment] = value;
        return;
      }
      const next = field.segments[i + 1]!;
      if (typeof at[segment] !== 'object' || at[segment] === null)
        at[segment] = typeof next === 'number' ? [] : (generate(String(segment), field.schemas[i]) as Json);
      const container = at[segment] as Record<Segment, unknown>;
      if (typeof next === 'number' && container[next] === undefined)
        container[next] = generate(String(segment), field.schemas[i + 1]);
      at = container;
    });
    return copy;
  };
  /** Raw JSON, since JSON.stringify drops a `__proto__` key. */
  const withLeadingKey = (base: Json, pair: string): string => {
    const rest = JSON.stringify(base).slice(1);
    return rest === '}' ? `{${pair}}` : `{${pair},${rest}`;
  };
  const exists = (base: Json, segments: readonly Segment[]): boolean => {
    let at: unknown = base;
    for (const segment of segments) {
      if (typeof at !== 'object' || at === null || !(segment in at)) return false;
      at = (at as Record<Segment, unknown>)[segment];
    }
    return true;
  };

  // ---- sending and judging ----------------------------------------------------------------
  const describeRequest = (probe: Probe): string => {
    const shown =
      probe.raw !== undefined
        ? `${probe.raw.type} ${probe.raw.data.slice(0, 120)}`
        : JSON.stringify(probe.body ?? null, (_, v: unknown) =>
            typeof v === 'string' && v.length > 80 ? `<${v.length} characters>` : v,
          ).slice(0, 300);
    const headers = probe.headers === undefined ? '' : ` headers ${JSON.stringify(probe.headers).slice(0, 120)}`;
    return `${probe.url.slice(0, 160)}${probe.url.length > 160 ? '…' : ''} ${shown}${headers}`;
  };
  const awaitJob = async (answer: request.Response): Promise<void> => {
    // Jobs append later, in the worker: let one finish, so its events are never taken for another probe's.
    const id = (answer.body as Json | undefined)?.id;
    if (answer.status !== 202 || typeof id !== 'string') return;
    for (let i = 0; i < 200; i += 1) {
      const state = (await call('GET', `/v1/jobs/${id}`)).body?.state;
      if (state !== 'queued' && state !== 'running') return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  const allowed = (table: Record<string, string>, key: string): boolean => {
    const match = Object.keys(table).find((start) => key.startsWith(start));
    if (match !== undefined) usedExceptions.add(match);
    return match !== undefined;
  };
  const signature = (body: { errors?: { field: string; rule: string }[] }): string =>
    (body.errors ?? [])
      .map((e) => `${e.field}:${e.rule}`)
      .sort()
      .join(',');
  const refusedAlike = async (operation: Operation, probe: Probe, body: Json): Promise<boolean> => {
    if (probe.alike === undefined) return false;
    let sending = call(operation.method, probe.url);
    for (const [name, value] of Object.entries(probe.alike.headers ?? {})) sending = sending.set(name, value);
    const answer = await (probe.alike.body === undefined ? sending : sending.send(probe.alike.body as object));
    return answer.status === 400 && signature(answer.body as Json) === signature(body);
  };
  const send = (operation: Operation, probe: Probe): request.Test => {
    let sending = call(operation.method, probe.url);
    for (const [name, value] of Object.entries(probe.headers ?? {})) sending = sending.set(name, value);
    if (probe.raw !== undefined) return sending.set('Content-Type', probe.raw.type).send(probe.raw.data);
    return probe.body === undefined ? sending : sending.send(probe.body as object);
  };
  /** What is wrong with one answer, given what the log gained and what was logged as an error meanwhile. */
  const judge = async (
    operation: Operation,
    probe: Probe,
    answer: request.Response,
    appended: readonly { stream: string; type: string }[],
    logged: readonly string[],
  ): Promise<string[]> => {
    const { status } = answer;
    const body = (answer.body ?? {}) as Json & { rule?: unknown; errors?: { field: string; rule: string }[] };
    const key = `${operation.method} ${operation.path} [${probe.label}]`;
    const problems: string[] = [];
    if (status >= 500) problems.push(`answered ${status}${logged.length > 0 ? `; logged:\n${logged.join('\n')}` : ''}`);
    if ((status < 200 || status >= 300) && appended.length > 0)
      problems.push(`refused ${status} but appended ${appended.map((e) => `${e.stream}:${e.type}`).join(', ')}`);
    if (status >= 400 && status < 500 && typeof body.rule !== 'string' && (body.errors ?? []).length === 0)
      problems.push(`answered ${status} without a rule`);
    if (status === 400 && probe.names !== undefined) {
      const named = (body.errors ?? []).map((e) => e.field);
      if (
        !named.some((field) => isNamed(field, probe.names!)) &&
        !(await refusedAlike(operation, probe, body)) &&
        !allowed(UNNAMED_REFUSALS, key)
      )
        problems.push(`400 does not name ${probe.names} (errors: ${named.join(', ') || 'none'})`);
    }
    if (probe.refuse === true && status >= 200 && status < 300) {
      if (!allowed(ACCEPTED_ODDITIES, key)) problems.push(`accepted it (${status})`);
    } else if (probe.badRequest === true && status !== 400) problems.push(`answered ${status}, not 400`);
    return problems;
  };
  /** Sends each probe in turn, reading the log's head before and after it; answers what failed. */
  const sweep = async (operation: Operation, probes: readonly Probe[]): Promise<string[]> => {
    const route = `${operation.method} ${operation.path}`;
    swept.add(route);
    const failures: string[] = [];
    for (const probe of probes) {
      const head = await store.headPosition();
      const errorsBefore = loggedErrors.mock.calls.length;
      const answer = await send(operation, probe);
      const appended = (await store.headPosition()) > head ? await store.readAll({ fromPosition: head }) : [];
      const logged = loggedErrors.mock.calls.slice(errorsBefore).map((args) => String(args[0]).slice(0, 1500));
      await awaitJob(answer);
      const problems = await judge(operation, probe, answer, appended, logged);
      if (problems.length > 0)
        failures.push(
          `${route} [${probe.label}] ${problems.join('; ')}\n    request ${describeRequest(probe)}\n    answer ${answer.status} ${answer.text.slice(0, 300)}`,
        );
    }
    return failures;
  };

  // ---- fixtures: real targets, so a probe that passes validation reaches the domain ----------
  let referrals = 0;
  const referral = async (panel: string): Promise<{ caseId: string; personId: string }> => {
    referrals += 1;
    // A new person each time: a second referral of one person would be a repeat, with rules of its own
    // (on IOM, refused while the first case is open).
    const who = person(distinctPerson(referrals, 'Sweep'));
    const body =
      panel === 'MARAC'
        ? maracReferral({ person: { ...who, sex: 'female' } })
        : panel === 'ALLIANCE'
          ? allianceReferral({ person: { ...who, dateOfBirth: '2006-06-01', sex: 'male' } })
          : iomReferral({}, { person: { ...who, sex: 'male', identifiers: undefined } });
    return (await post('/v1/referrals', body)) as { caseId: string; personId: string };
  };
  const panelOf = (path: string): string =>
    /engagement-outcome|custody-release|known-to-yos|alliance-residence|follow-up/.test(path)
      ? 'ALLIANCE'
      : /accept|decline|person-details|discussions|disclosures|meetings|split/.test(path)
        ? 'MARAC'
        : 'IOM';
  const shared: Record<string, string> = { panel: 'IOM', kind: 'export', name: 'export.ndjson', id: UNKNOWN_ID };
  /** Ids for a route's path parameters; commands get targets of their own, since they change them. */
  const targetsFor = async (operation: Operation): Promise<Record<string, string>> => {
    if (operation.method === 'GET') return shared;
    const own: Record<string, string> = { ...shared };
    const needs = (name: string) => operation.path.includes(`{${name}}`);
    if (needs('caseId') || needs('personId') || needs('disclosureId')) {
      const made = await referral(panelOf(operation.path));
      Object.assign(own, made);
      if (needs('actionId')) own.actionId = (await post(`/v1/cases/${made.caseId}/actions`, ACTION)).actionId as string;
      if (needs('interventionId'))
        own.interventionId = (
          await post(`/v1/cases/${made.caseId}/interventions`, {
            type: 'boxing club',
            provider: 'Tottenham Boxing Academy',
          })
        ).interventionId as string;
      if (needs('disclosureId'))
        own.disclosureId = (await post('/v1/disclosures', shareBody(made.caseId))).disclosureId as string;
    }
    await READY_BY[operation.path]?.(own);
    if (needs('meetingId')) own.meetingId = (await post('/v1/meetings', MEETING)).meetingId as string;
    if (needs('dsaId')) own.dsaId = (await post('/v1/sharing-agreements', PARTNERSHIP_DSA)).dsaId as string;
    return own;
  };
  const fill = (path: string, ids: Record<string, string>, replace: Record<string, string> = {}): string =>
    path.replace(/\{(\w+)\}/g, (_, name: string) => replace[name] ?? ids[name] ?? UNKNOWN_ID);

  /** Agreed on a past day, so its due date is not before the day it was agreed. */
  const ACTION = {
    description: 'Safety plan',
    ownerAgency: 'Probation',
    dueBy: '2024-06-01',
    occurredAt: '2024-05-03T14:00:00Z',
  };
  const MEETING = { panel: 'MARAC', scheduledFor: '2024-06-04T10:00:00Z', chair: 'DI Synthetic' };
  const shareBody = (caseId: string) => ({
    toAgency: 'Haringey Council',
    caseId,
    fields: ['status'],
    purpose: 'Safety planning',
    lawfulBasis: GDPR_SAFEGUARDING,
    dsaId: shared.dsaId,
    consent: { given: true },
  });
  /** What a route's target must have been through for its base body to be accepted. */
  const READY_BY: Record<string, (ids: Record<string, string>) => Promise<unknown>> = {
    '/v1/cases/{caseId}/discussions': (ids) =>
      post(`/v1/meetings/${shared.meetingId}/cases`, { caseId: ids.caseId, agencyRequests: [] }),
    '/v1/cases/{caseId}/close': (ids) => post(`/v1/cases/${ids.caseId}/iom/adopt`, { reason: 'Meets the criteria' }),
    '/v1/cases/{caseId}/interventions/{interventionId}/complete': (ids) =>
      post(`/v1/cases/${ids.caseId}/interventions/${ids.interventionId}/start`, {}),
  };
  /** Bodies that reach the domain; any other route gets one generated from its schema. */
  const knownBodies: Record<string, (ids: Record<string, string>) => Json[]> = {
    '/v1/referrals': () => [
      iomReferral({}, { person: person({ surname: 'Sweepreferral', sex: 'male' }) }),
      maracReferral({ person: person({ surname: 'Sweepvictim' }) }),
      allianceReferral({ person: person({ surname: 'Sweepchild', dateOfBirth: '2006-06-01', sex: 'male' }) }),
    ],
    '/v1/cases/{caseId}/discussions': () => [
      {
        meetingId: shared.meetingId,
        attendance: [{ agency: 'Police', status: 'present' }],
        summary: 'Discussed',
        decisions: ['Refer to IDVA'],
      },
    ],
    '/v1/cases/{caseId}/actions': () => [ACTION],
    // With a reason, so `identifiers.<kind>: null` is what it means there (a removal), not a missing reason.
    '/v1/cases/{caseId}/person-details': () => [{ address: '1 Synthetic Street', reason: 'Recorded in error' }],
    '/v1/cases/{caseId}/status': () => [{ status: 'custody' }],
    '/v1/cases/{caseId}/close': () => [{ exitStatus: 'success' }],
    '/v1/cases/{caseId}/iom/pathways': () => [{ pathways: ['accommodation'] }],
    '/v1/cases/{caseId}/iom/scores': () => [{ ogrs2: 80, ovp2: 35, robberyOrBurglaryLast2Years: false }],
    '/v1/cases/{caseId}/known-to-yos': () => [{ knownToYos: true, reason: 'Checked with the YOS duty officer' }],
    '/v1/cases/{caseId}/alliance-residence': () => [{ residence: 'Barnet', reason: 'Mistyped in custody' }],
    '/v1/meetings': () => [MEETING],
    '/v1/meetings/{meetingId}/cases': (ids) => [
      { caseId: ids.caseId ?? shared.caseId, agencyRequests: [{ agency: 'Police', toBring: 'call-outs' }] },
    ],
    '/v1/meetings/{meetingId}/held': () => [{ attendance: [{ agency: 'Police', status: 'present' }] }],
    '/v1/people/{personId}/split': () => [{ reason: 'Merged in error' }],
    '/v1/sharing-agreements': () => [PARTNERSHIP_DSA],
    '/v1/sharing-agreements/{dsaId}/parties': () => [{ agency: 'Islington Council' }],
    '/v1/sharing-agreements/{dsaId}/parties/remove': () => [{ agency: 'Haringey Council', reason: 'Left' }],
    '/v1/sharing-agreements/{dsaId}/renew': () => [{ reviewDate: '2031-04-01' }],
    '/v1/disclosures': (ids) => [shareBody(ids.caseId ?? shared.caseId!)],
    // The job kind the sweep's path names; its input is not in the document, so only whole bodies are swept.
    '/v1/jobs/{kind}': () => [{ panels: ['MARAC'], format: 'ndjson', from: '2024-01-01', to: '2024-12-31' }],
    '/v1/disclosures/withheld': (ids) => [
      {
        toAgency: 'Haringey Council',
        dsaId: shared.dsaId,
        caseId: ids.caseId ?? shared.caseId,
        fields: ['status'],
        purpose: 'Safety planning',
        reason: 'Not proportionate',
      },
    ],
  };
  const bodySchema = (operation: Operation): Json | undefined =>
    (((operation.op.requestBody as Json | undefined)?.content as Record<string, Json> | undefined)?.['application/json']
      ?.schema as Json | undefined) ?? undefined;
  const basesFor = (operation: Operation, ids: Record<string, string>): Json[] => {
    const known = knownBodies[operation.path]?.(ids);
    if (known !== undefined) return known;
    const schema = bodySchema(operation);
    return [schema === undefined ? {} : (generate('body', schema) as Json)];
  };
  /** The body a probe aimed elsewhere sends: none where the route takes none (a DELETE). */
  const bodyFor = (operation: Operation, ids: Record<string, string>): Json | undefined =>
    operation.method === 'POST' ? basesFor(operation, ids)[0] : undefined;
  const commands = () => operations.filter((o) => o.method !== 'GET');
  const reads = () => operations.filter((o) => o.method === 'GET');

  beforeAll(async () => {
    api = await startTestApi();
    store = api.app.get<EventStore>(EVENT_STORE);
    token = await tokenFor({
      sub: 'sweep-admin',
      agency: 'Metropolitan Police',
      roles: ['coordinator', 'practitioner', 'analyst', 'auditor', 'admin'],
      panels: ['IOM', 'MARAC', 'ALLIANCE'],
    });
    doc = (await request(server()).get('/docs-json')).body as Json;
    operations = Object.entries(doc.paths as Record<string, Record<string, Json>>).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
    );
    shared.meetingId = (await post('/v1/meetings', MEETING)).meetingId as string;
    shared.dsaId = (await post('/v1/sharing-agreements', PARTNERSHIP_DSA)).dsaId as string;
    Object.assign(shared, await referral('MARAC'));
    shared.disclosureId = (await post('/v1/disclosures', shareBody(shared.caseId!))).disclosureId as string;
  }, 60_000);
  afterAll(async () => {
    loggedErrors.mockRestore();
    await api?.close();
  });

  it('sweeps every route the API serves, since each one is in the document', () => {
    const documented = new Set(operations.map((o) => `${o.method} ${o.path}`));
    const served = registeredRoutes(api.app)
      .filter((r) => r.path.startsWith('/v1/'))
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(served.filter((route) => !documented.has(route))).toEqual([]);
    expect(commands().length).toBeGreaterThan(40);
    expect(reads().length).toBeGreaterThan(20);
  });

  it('refuses wrong, missing, unknown and oversized body fields naming each one, writing nothing', async () => {
    const failures: string[] = [];
    for (const operation of commands()) {
      const schema = bodySchema(operation);
      if (schema === undefined) continue;
      const ids = await targetsFor(operation);
      const url = fill(operation.path, ids);
      const bases = basesFor(operation, ids);
      const fields = fieldsOf(schema);
      for (const [index, base] of bases.entries()) {
        // A field is swept with the first base that holds its block (the referral's marac block with the MARAC body).
        const owner = (field: Field) => {
          const holder = bases.findIndex((b) => exists(b, field.segments.slice(0, 1)));
          return holder === -1 ? 0 : holder;
        };
        const probes: Probe[] = [{ label: 'base body', url, body: base }];
        for (const field of fields.filter((f) => owner(f) === index)) {
          const path = pathOf(field.segments);
          const schemaOfField = field.schemas[field.schemas.length - 1]!;
          const kind = kindOf(schemaOfField) ?? (schemaOfField.properties === undefined ? undefined : 'object');
          const nullable = schemaOfField.nullable === true || !field.required;
          const wrong: [string, unknown][] = [
            ['number', 123],
            ['string', 'synthetic text'],
            ['boolean', true],
            ['object', { synthetic: 1 }],
            ['array', ['synthetic']],
          ];
          if (kind !== undefined)
            for (const [label, value] of wrong.filter(([label]) => label !== kind))
              probes.push({
                label: `${path} ${label}`,
                url,
                body: withField(base, field, value),
                names: path,
                refuse: true,
              });
          // null reads as absent on an optional field (class-validator IsOptional): judged, but may be accepted
          probes.push({
            label: `${path} null`,
            url,
            body: withField(base, field, null),
            names: path,
            refuse: !nullable,
            ...(nullable ? { alike: { body: withField(base, field, undefined, true) } } : {}),
          });
          if (kind === 'string') {
            probes.push({
              label: `${path} 100k characters`,
              url,
              body: withField(base, field, LONG_TEXT),
              names: path,
              refuse: true,
            });
            probes.push({
              label: `${path} control characters`,
              url,
              body: withField(base, field, CONTROL_CHARACTERS),
              names: path,
              alike: { body: base },
            });
          }
          if (kind === 'object' && schemaOfField.properties !== undefined)
            probes.push({
              label: `${path} unknown field`,
              url,
              body: withField(base, { ...field, segments: [...field.segments, 'synthetic'] }, 1),
              names: `${path}.synthetic`,
              refuse: true,
            });
          if (field.required && exists(base, field.segments))
            probes.push({
              label: `${path} missing`,
              url,
              body: withField(base, field, undefined, true),
              names: path,
              refuse: true,
            });
        }
        probes.push({ label: 'unknown field', url, body: { ...base, synthetic: 1 }, names: 'synthetic', refuse: true });
        for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty'])
          probes.push({
            label: `${key} key`,
            url,
            raw: { type: 'application/json', data: withLeadingKey(base, `"${key}":{"isAdmin":true}`) },
            names: key,
            refuse: true,
          });
        failures.push(...(await sweep(operation, probes)));
      }
    }
    expect(({} as Json).isAdmin).toBeUndefined();
    expect(failures).toEqual([]);
  }, 120_000);

  it('refuses bodies that are not a JSON object in a type the route reads, writing nothing', async () => {
    const failures: string[] = [];
    for (const operation of commands()) {
      const ids = await targetsFor(operation);
      const url = fill(operation.path, ids);
      const base = JSON.stringify(basesFor(operation, ids)[0]);
      const bodies: [string, string, string, boolean][] = [
        ['text/plain', 'text/plain', base, true],
        ['form', 'application/x-www-form-urlencoded', 'reason=synthetic&panel=MARAC', true],
        ['XML', 'application/xml', '<reason>synthetic</reason>', true],
        ['invalid JSON', 'application/json', base.slice(0, -1), true],
        ['JSON array', 'application/json', `[${base}]`, true],
        ['JSON null', 'application/json', 'null', true],
        ['JSON number', 'application/json', '5', true],
        ['JSON string', 'application/json', '"synthetic"', true],
        // Routes whose fields are all optional may take an empty body; judged for 5xx and writes only.
        ['empty body', 'application/json', '', false],
      ];
      const probes = bodies.map(([label, type, data, refuse]): Probe => ({ label, url, raw: { type, data }, refuse }));
      failures.push(...(await sweep(operation, probes)));
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('refuses malformed path ids with 400 isUuid naming the parameter, writing nothing', async () => {
    const malformed: [string, string][] = [
      ['not a uuid', 'not-a-uuid'],
      ['10k characters', 'a'.repeat(10_000)],
      ['dot-dot', '..%2F..%2Fhealth'],
      ['unicode', '%C3%A9t%C3%A9-%F0%9F%98%80'],
      ['null character', '%00'],
      ['broken percent-encoding', '%E0%A4%A'],
      ['space', '%20'],
      ['uuid with a suffix', `${UNKNOWN_ID}x`],
    ];
    const failures: string[] = [];
    for (const operation of operations) {
      const parameters = [...operation.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      const body = bodyFor(operation, shared);
      const probes = parameters.flatMap((name) => {
        const exception = [`{${name}}`, `${operation.path} {${name}}`].find((key) => key in NOT_UUID_PARAMETERS);
        if (exception !== undefined) usedExceptions.add(exception);
        return malformed.map(
          ([label, value]): Probe => ({
            label: `${name} ${label}`,
            url: fill(operation.path, shared, { [name]: value }),
            body,
            names: name,
            refuse: true,
            badRequest: exception === undefined,
          }),
        );
      });
      if (probes.length > 0) failures.push(...(await sweep(operation, probes)));
    }
    expect(failures).toEqual([]);
  }, 120_000);

  const sample = (name: string, schema: Json): string =>
    String(
      schema.example ??
        (Array.isArray(schema.enum) ? schema.enum[0] : undefined) ??
        (kindOf(schema) === 'number' ? 1 : undefined) ??
        (schema.format === 'uuid' ? UNKNOWN_ID : undefined) ??
        (isDateParameter(name) ? '2024-06-01' : 'synthetic'),
    );
  const isDateParameter = (name: string): boolean => /^(from|to|asOf)$|Before$|After$/.test(name);
  const queryOf = (operation: Operation): Json[] =>
    ((operation.op.parameters ?? []) as Json[]).filter((parameter) => parameter.in === 'query');

  /** The path with the route's required query parameters (but `leave`) and `extra` ones. */
  const withQuery = (path: string, operation: Operation, leave = '', extra: readonly string[] = []): string => {
    const query = [
      ...queryOf(operation)
        .filter((p) => p.required === true && p.name !== leave)
        .map((p) => `${String(p.name)}=${encodeURIComponent(sample(String(p.name), (p.schema ?? {}) as Json))}`),
      ...extra,
    ];
    return query.length === 0 ? path : `${path}?${query.join('&')}`;
  };

  it('refuses malformed, unknown and missing query parameters naming each one, writing nothing', async () => {
    const failures: string[] = [];
    for (const operation of reads()) {
      const path = fill(operation.path, shared);
      const parameters = queryOf(operation);
      const urlWith = (leave: string, extra: string[]): string => withQuery(path, operation, leave, extra);
      const probes: Probe[] = [
        { label: 'unknown parameter', url: urlWith('', ['synthetic=1']), names: 'synthetic', refuse: true },
        { label: '__proto__ parameter', url: urlWith('', ['__proto__[isAdmin]=1']), names: '__proto__', refuse: true },
      ];
      for (const parameter of parameters) {
        const name = String(parameter.name);
        const schema = (parameter.schema ?? {}) as Json;
        const numeric = kindOf(schema) === 'number';
        const paging = /^(limit|offset|cursor)$/.test(name);
        const typed =
          numeric || paging || isDateParameter(name) || Array.isArray(schema.enum) || schema.format === 'uuid';
        const good = encodeURIComponent(sample(name, schema));
        const values: [string, string, boolean][] = [
          ['-1', '-1', paging],
          ['20 digits', '99999999999999999999', paging],
          ['1.5', '1.5', paging],
          ['abc', 'abc', typed],
          ['2026-02-30', '2026-02-30', typed],
          ['empty', '', false],
          ['5k characters', 'q'.repeat(5000), true],
          ['null character', '%00', true],
          // Read as the literal text in a free-text filter (it finds nothing); refused where the value is typed.
          ['broken percent-encoding', '%E0%A4%A', typed],
        ];
        for (const [label, value, refuse] of values)
          probes.push({ label: `${name}=${label}`, url: urlWith(name, [`${name}=${value}`]), names: name, refuse });
        probes.push(
          { label: `${name} repeated`, url: urlWith(name, [`${name}=${good}`, `${name}=${good}`]), names: name },
          { label: `${name}[]`, url: urlWith(name, [`${name}[]=${good}`]), names: name, refuse: true },
          { label: `${name}[a]`, url: urlWith(name, [`${name}[a]=${good}`]), names: name, refuse: true },
        );
        if (parameter.required === true)
          probes.push({ label: `${name} missing`, url: urlWith(name, []), names: name, refuse: true });
      }
      failures.push(...(await sweep(operation, probes)));
    }
    expect(failures).toEqual([]);
  }, 120_000);

  const declares = (operation: Operation, header: string): boolean =>
    ((operation.op.parameters ?? []) as Json[]).some(
      (p) => p.in === 'header' && String(p.name).toLowerCase() === header.toLowerCase(),
    );

  it('refuses malformed If-Match, Idempotency-Key and X-Min-Position naming the header, writing nothing', async () => {
    const failures: string[] = [];
    const correlation: [string, string][] = [
      ['10k characters', 'c'.repeat(10_000)],
      ['spaces and accents', 'a b é'],
    ];
    for (const operation of reads()) {
      const target = withQuery(fill(operation.path, shared), operation);
      const probes: Probe[] = [
        ...['-1', 'abc', '1.5', '1e3', '99999999999999999999'].map(
          (value): Probe => ({
            label: `X-Min-Position ${value}`,
            url: target,
            headers: { 'X-Min-Position': value },
            names: 'X-Min-Position',
            refuse: true,
          }),
        ),
        ...correlation.map(
          ([label, value]): Probe => ({
            label: `X-Correlation-Id ${label}`,
            url: target,
            headers: { 'X-Correlation-Id': value },
          }),
        ),
      ];
      failures.push(...(await sweep(operation, probes)));
    }
    for (const operation of commands()) {
      const ids = await targetsFor(operation);
      const url = fill(operation.path, ids);
      const body = bodyFor(operation, ids);
      const header = (name: string, label: string, value: string): Probe => ({
        label: `${name} ${label}`,
        url,
        body,
        headers: { [name]: value },
        names: name,
        refuse: declares(operation, name),
        // A body this route refuses on its own (a split with nothing to split off) is refused before the header is read.
        alike: body === undefined ? {} : { body },
      });
      const probes: Probe[] = [
        ...['abc', '"1', '1, 2', '-1', '99999999999999999999'].map((value) => header('If-Match', value, value)),
        header('Idempotency-Key', '201 characters', 'k'.repeat(201)),
        header('Idempotency-Key', '10k characters', 'k'.repeat(10_000)),
        ...correlation.map(
          ([label, value]): Probe => ({
            label: `X-Correlation-Id ${label}`,
            url,
            body,
            headers: { 'X-Correlation-Id': value },
          }),
        ),
      ];
      failures.push(...(await sweep(operation, probes)));
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('met every documented route, and every allowance it makes is still needed', () => {
    expect(operations.map((o) => `${o.method} ${o.path}`).filter((route) => !swept.has(route))).toEqual([]);
    const allowances = [
      ...Object.keys(UNNAMED_REFUSALS),
      ...Object.keys(NOT_UUID_PARAMETERS),
      ...Object.keys(ACCEPTED_ODDITIES),
    ];
    expect(allowances.filter((key) => !usedExceptions.has(key))).toEqual([]);
  });
});
