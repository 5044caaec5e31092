/**
 * The document's query parameters are the server's (README: OpenAPI "gives the bounds each query
 * parameter is refused outside"). A client generated from `/docs-json` must never send a value the
 * document offers and get a 400 it was not told about, nor be kept from one the server takes. So
 * every numeric query parameter of every documented read is probed at and just past its documented
 * bounds, and every value of every documented enum is sent, so that a validator and its description
 * cannot drift apart unnoticed. Synthetic data only.
 */
import request from 'supertest';
import { startTestApi, type TestApi } from './support/test-api';
import { tokenFor } from './support/tokens';

type Json = Record<string, unknown>;

interface QueryParameter {
  readonly route: string;
  /** The path to send it on: one per panel where the route is a panel's. */
  readonly paths: readonly string[];
  readonly name: string;
  readonly schema: Json;
  readonly description?: string;
  /** The other required parameters, at their examples. */
  readonly required: readonly [string, string][];
}

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const PANELS = ['IOM', 'MARAC', 'ALLIANCE'];

describe('the query parameters OpenAPI documents are the ones the server takes', () => {
  let api: TestApi;
  let token: string;
  let parameters: QueryParameter[];
  const numeric = () => parameters.filter((p) => ['integer', 'number'].includes(String(p.schema.type)));

  beforeAll(async () => {
    api = await startTestApi();
    token = await tokenFor({
      sub: 'parameters-admin',
      roles: ['coordinator', 'practitioner', 'analyst', 'auditor', 'admin'],
      panels: ['IOM', 'MARAC', 'ALLIANCE'],
    });
    const doc = (await request(api.app.getHttpServer()).get('/docs-json')).body as Json;
    parameters = Object.entries(doc.paths as Record<string, Record<string, Json>>).flatMap(([path, methods]) => {
      const query = ((methods.get?.parameters ?? []) as Json[]).filter((p) => p.in === 'query');
      const example = (p: Json): [string, string] => [String(p.name), String((p.schema as Json).example)];
      const paths = (path.includes('{panel}') ? PANELS : ['IOM']).map((panel) =>
        path.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'panel' ? panel : UNKNOWN_ID)),
      );
      return query.map((p) => ({
        route: `GET ${path}`,
        paths,
        name: String(p.name),
        schema: (p.schema ?? {}) as Json,
        description: typeof p.description === 'string' ? p.description : undefined,
        required: query.filter((other) => other.required === true && other.name !== p.name).map(example),
      }));
    });
  }, 60_000);
  afterAll(async () => {
    await api?.close();
  });

  const send = (parameter: QueryParameter, value: string, path = parameter.paths[0]!) => {
    const query = [...parameter.required, [parameter.name, value]]
      .map(([name, v]) => `${name}=${encodeURIComponent(v!)}`)
      .join('&');
    return request(api.app.getHttpServer())
      .get(`${path}?${query}`)
      .set('Authorization', `Bearer ${token}`)
      .set('X-Purpose', 'parameter check');
  };

  it('finds the numeric parameters to check (the paging limits and the report figures among them)', () => {
    const found = numeric().map((p) => `${p.route} ${p.name}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'GET /v1/panels/{panel}/cohort limit',
        'GET /v1/panels/{panel}/eligible-not-adopted offset',
        'GET /v1/people/match-reviews after',
        'GET /v1/analytics/iom/counterfactual ogrsAlone',
      ]),
    );
  });

  it('documents a minimum and a maximum for each, refuses just past them naming the parameter, and takes them', async () => {
    const failures: string[] = [];
    for (const parameter of numeric()) {
      const { minimum, maximum, type } = parameter.schema;
      const at = `${parameter.route} ${parameter.name}`;
      if (typeof minimum !== 'number' || typeof maximum !== 'number') {
        failures.push(`${at}: documents no ${typeof minimum !== 'number' ? 'minimum' : 'maximum'}`);
        continue;
      }
      const whole = type === 'integer';
      // Past a whole-number bound by one; past a fractional one by less than any rounding would hide.
      const step = whole ? 1 : 0.01;
      const fraction = minimum + 0.5;
      const probes: [string, number, boolean][] = [
        ['below the minimum', minimum - step, true],
        ['above the maximum', maximum + step, true],
        ['the minimum', minimum, false],
        ['the maximum', maximum, false],
      ];
      if (fraction <= maximum) probes.push([`a fraction (documented ${String(type)})`, fraction, whole]);
      for (const [label, value, refused] of probes) {
        const answer = await send(parameter, String(value));
        const named = ((answer.body?.errors ?? []) as { field: string }[]).some((e) => e.field === parameter.name);
        if (refused ? answer.status !== 400 || !named : answer.status === 400 || answer.status >= 500)
          failures.push(
            `${at}=${value} (${label}): ${refused ? 'expected 400 naming it' : 'expected it taken'}, ` +
              `answered ${answer.status} ${answer.text.slice(0, 200)}`,
          );
      }
    }
    expect(failures).toEqual([]);
  }, 60_000);

  it("takes every value of every documented enum (on some panel, where the route is a panel's)", async () => {
    const enums = parameters.filter((p) => Array.isArray(p.schema.enum));
    expect(enums.map((p) => `${p.route} ${p.name}`)).toContain('GET /v1/panels/{panel}/cohort idva');
    const failures: string[] = [];
    for (const parameter of enums) {
      for (const value of parameter.schema.enum as unknown[]) {
        // Taken where some panel answers it; a 404 for the synthetic id or panel shows nothing either way.
        const answers: request.Response[] = [];
        for (const path of parameter.paths) {
          answers.push(await send(parameter, String(value), path));
          if (answers.at(-1)!.status < 300) break;
        }
        const refused = answers.some((a) => a.status === 400) && !answers.some((a) => a.status < 300);
        if (refused || answers.some((a) => a.status >= 500))
          failures.push(
            `${parameter.route} ${parameter.name}=${String(value)} is refused:\n  ` +
              answers.map((a, i) => `${parameter.paths[i]} ${a.status} ${a.text.slice(0, 160)}`).join('\n  '),
          );
      }
    }
    expect(failures).toEqual([]);
  }, 60_000);

  it('describes every enforcement filter on the two IOM lists', () => {
    const enforcement = parameters.filter((p) => p.name === 'enforcement' && p.route.startsWith('GET /v1/panels/'));
    expect(enforcement.map((p) => p.route).sort()).toEqual([
      'GET /v1/panels/{panel}/cohort',
      'GET /v1/panels/{panel}/eligible-not-adopted',
    ]);
    for (const parameter of enforcement)
      for (const value of parameter.schema.enum as string[])
        expect({ route: parameter.route, value, described: parameter.description?.includes(`\`${value}\``) }).toEqual({
          route: parameter.route,
          value,
          described: true,
        });
  });
});
