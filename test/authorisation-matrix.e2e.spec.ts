/**
 * The authorisation matrix: every registered /v1 route x every role x panel membership (the
 * fixture's own panel, another panel, none). Each entry states who gets through, who is refused
 * (403) and who is told the thing does not exist (404, exactly as for an unknown id). A route
 * registered without an entry here fails the first test, so nobody can add a route and forget
 * to decide who may call it.
 *
 * "Allowed" means the access decision let the caller in: the answer may still be 400/409/422
 * (a repeated command, a sub-entity that does not exist) but never 401, 403, or a 404 that
 * hides the case, meeting, person, disclosure or job itself.
 */
import request from 'supertest';
import type { Role } from '../libs/platform/src/auth/principal';
import { allianceReferral, iomReferral, maracReferral, person } from './support/referrals';
import { registeredRoutes } from './support/routes';
import { startTestApi, type TestApi } from './support/test-api';
import { COORDINATOR_ALL_PANELS, tokenFor, type TestUser } from './support/tokens';

const ROLES: readonly Role[] = ['coordinator', 'practitioner', 'analyst', 'auditor', 'admin'];
const MEMBERSHIPS = ['own', 'other', 'none'] as const;
type Membership = (typeof MEMBERSHIPS)[number];
type Expected = 'allowed' | 'forbidden' | 'hidden';

/** 404 rules that mean "you may not know this exists" rather than "this sub-entity is missing". */
const HIDING_RULES = ['case-exists', 'meeting-exists', 'person-exists', 'disclosure-exists', 'job-exists'];
const AGENCY = 'Metropolitan Police';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000abc';

interface Fixtures {
  readonly maracCaseId: string;
  readonly iomCaseId: string;
  readonly allianceCaseId: string;
  readonly maracPersonId: string;
  readonly meetingId: string;
  readonly dsaId: string;
  /** A second agreement for the routes that change or end agreements. */
  readonly changingDsaId: string;
  readonly disclosureId: string;
  readonly jobId: string;
}

interface Call {
  readonly path: string;
  readonly body?: object;
}

interface Entry {
  /** Panel the fixture belongs to: "own" membership means sitting on it. */
  readonly panel?: string;
  readonly call: (f: Fixtures) => Call;
  readonly expect: (role: Role, membership: Membership) => Expected;
  /** The same call naming an id nobody has: must answer exactly as a hidden one. */
  readonly unknown?: (f: Fixtures) => Call;
}

const CASE_WORKERS: readonly Role[] = ['coordinator', 'practitioner', 'admin'];

/** Only these roles pass the route's role gate; everyone else gets 403. */
const roles =
  (...allowed: Role[]) =>
  (role: Role): Expected =>
    allowed.includes(role) ? 'allowed' : 'forbidden';

/**
 * Panel-scoped content: case workers on the panel get in; anyone else is told it does not
 * exist. `gate` roles pass a role check first (others 403).
 */
const panelMembers =
  (gate: readonly Role[] = ROLES) =>
  (role: Role, membership: Membership): Expected => {
    if (!gate.includes(role)) return 'forbidden';
    return CASE_WORKERS.includes(role) && membership === 'own' ? 'allowed' : 'hidden';
  };

/** Panel-scoped actions on a panel named in the request (not an id): others are refused, 403. */
const panelAction =
  (workers: readonly Role[] = CASE_WORKERS) =>
  (role: Role, membership: Membership): Expected =>
    workers.includes(role) && membership === 'own' ? 'allowed' : 'forbidden';

/** Disclosure register entries: `whole` roles see every entry, other `gate` roles only those of their panels' cases. */
const registerEntry =
  (whole: readonly Role[], gate: readonly Role[]) =>
  (role: Role, membership: Membership): Expected => {
    if (!gate.includes(role)) return 'forbidden';
    return whole.includes(role) || membership === 'own' ? 'allowed' : 'hidden';
  };

const anyone = (): Expected => 'allowed';
const ownerOrAdmin = (role: Role): Expected => (role === 'admin' ? 'allowed' : 'hidden');

const caseWork = (panel: string, path: string, body: object): Entry => ({
  panel,
  call: (f) => ({ path: `/v1/cases/${caseOf(f, panel)}/${path}`, body }),
  expect: panelMembers(),
  unknown: () => ({ path: `/v1/cases/${UNKNOWN_ID}/${path}`, body }),
});

function caseOf(f: Fixtures, panel: string): string {
  if (panel === 'IOM') return f.iomCaseId;
  if (panel === 'ALLIANCE') return f.allianceCaseId;
  return f.maracCaseId;
}

const LAWFUL_BASIS = {
  regime: 'uk-gdpr',
  article6: 'e-public-task',
  article9: 'g-substantial-public-interest',
  schedule1: ['para-18-safeguarding-children-and-individuals-at-risk'],
};
const SUB_ID = '00000000-0000-4000-8000-0000000000de';
const AT = '2024-06-03T10:00:00Z';

const MATRIX: Record<string, Entry> = {
  'GET /v1/panels': { call: () => ({ path: '/v1/panels' }), expect: anyone },

  // ---- referrals, cases, case work ---------------------------------------------------------
  'POST /v1/referrals': {
    panel: 'MARAC',
    call: () => ({ path: '/v1/referrals', body: maracReferral({ person: person({ forenames: 'Matrix' }) }) }),
    expect: panelAction(['coordinator', 'practitioner', 'admin']),
  },
  'GET /v1/cases/:caseId': {
    panel: 'MARAC',
    call: (f) => ({ path: `/v1/cases/${f.maracCaseId}` }),
    expect: panelMembers(CASE_WORKERS),
    unknown: () => ({ path: `/v1/cases/${UNKNOWN_ID}` }),
  },
  'GET /v1/cases/:caseId/events': {
    panel: 'MARAC',
    call: (f) => ({ path: `/v1/cases/${f.maracCaseId}/events` }),
    expect: panelMembers(CASE_WORKERS),
    unknown: () => ({ path: `/v1/cases/${UNKNOWN_ID}/events` }),
  },
  'POST /v1/cases/:caseId/accept': caseWork('MARAC', 'accept', {}),
  'POST /v1/cases/:caseId/decline': caseWork('MARAC', 'decline', { reason: 'matrix' }),
  'POST /v1/cases/:caseId/discussions': caseWork('MARAC', 'discussions', {
    meetingId: SUB_ID,
    attendance: [{ agency: AGENCY, status: 'present' }],
    summary: 'matrix',
    decisions: [],
  }),
  'POST /v1/cases/:caseId/actions': caseWork('MARAC', 'actions', {
    description: 'matrix',
    ownerAgency: AGENCY,
    dueBy: '2030-01-01',
  }),
  'POST /v1/cases/:caseId/actions/:actionId/complete': caseWork('MARAC', `actions/${SUB_ID}/complete`, {}),
  'POST /v1/cases/:caseId/interventions': caseWork('MARAC', 'interventions', {
    type: 'IDVA support',
    provider: 'IDVA service',
  }),
  'POST /v1/cases/:caseId/interventions/:interventionId/start': caseWork('MARAC', `interventions/${SUB_ID}/start`, {}),
  'POST /v1/cases/:caseId/interventions/:interventionId/complete': caseWork(
    'MARAC',
    `interventions/${SUB_ID}/complete`,
    {},
  ),
  'POST /v1/cases/:caseId/interventions/:interventionId/decline': caseWork(
    'MARAC',
    `interventions/${SUB_ID}/decline`,
    {},
  ),
  'POST /v1/cases/:caseId/person-details': caseWork('MARAC', 'person-details', { postcode: 'E1 1AA' }),
  'POST /v1/cases/:caseId/perpetrator-identifiers': caseWork('MARAC', 'perpetrator-identifiers', {
    identifiers: { pnc: null },
    reason: 'Recorded in error',
  }),
  'POST /v1/cases/:caseId/engagement': caseWork('MARAC', 'engagement', { level: 'some-engagement-and-motivation' }),
  'POST /v1/cases/:caseId/risk-rating': caseWork('MARAC', 'risk-rating', { rating: 'amber' }),
  'POST /v1/cases/:caseId/status': caseWork('MARAC', 'status', { status: 'awaiting-meeting' }),
  'POST /v1/cases/:caseId/close': caseWork('MARAC', 'close', { exitStatus: 'other' }),
  'POST /v1/cases/:caseId/iom/adopt': caseWork('IOM', 'iom/adopt', { reason: 'matrix' }),
  'POST /v1/cases/:caseId/iom/reject': caseWork('IOM', 'iom/reject', { category: 'capacity', reason: 'matrix' }),
  'POST /v1/cases/:caseId/iom/adopt-by-discretion': caseWork('IOM', 'iom/adopt-by-discretion', {
    category: 'serious-violence',
    reason: 'matrix',
  }),
  'POST /v1/cases/:caseId/iom/pathways': caseWork('IOM', 'iom/pathways', { pathways: ['accommodation'] }),
  'POST /v1/cases/:caseId/iom/scores': caseWork('IOM', 'iom/scores', {
    ogrs2: 80,
    ovp2: 35,
    robberyOrBurglaryLast2Years: false,
  }),
  'POST /v1/cases/:caseId/iom/whereabouts': caseWork('IOM', 'iom/whereabouts', { whereabouts: 'unlocated' }),
  'POST /v1/cases/:caseId/engagement-outcome': caseWork('ALLIANCE', 'engagement-outcome', {
    outcome: 'would-not-engage',
    occurredAt: AT,
  }),
  'POST /v1/cases/:caseId/follow-up': caseWork('ALLIANCE', 'follow-up', {}),
  'POST /v1/cases/:caseId/custody-release': caseWork('ALLIANCE', 'custody-release', { occurredAt: AT }),
  'POST /v1/cases/:caseId/known-to-yos': caseWork('ALLIANCE', 'known-to-yos', { knownToYos: true, reason: 'matrix' }),
  'POST /v1/cases/:caseId/alliance-residence': caseWork('ALLIANCE', 'alliance-residence', {
    residence: 'Barnet',
    reason: 'matrix',
  }),

  // ---- cohorts and meetings ----------------------------------------------------------------
  'GET /v1/panels/:panel/cohort': {
    panel: 'MARAC',
    call: () => ({ path: '/v1/panels/MARAC/cohort' }),
    expect: panelAction(),
  },
  'GET /v1/panels/:panel/eligible-not-adopted': {
    panel: 'IOM',
    call: () => ({ path: '/v1/panels/IOM/eligible-not-adopted' }),
    expect: panelAction(),
  },
  'POST /v1/meetings': {
    panel: 'MARAC',
    call: () => ({ path: '/v1/meetings', body: { panel: 'MARAC', scheduledFor: AT, chair: 'DI Matrix' } }),
    expect: panelAction(),
  },
  'POST /v1/meetings/:meetingId/cases': {
    panel: 'MARAC',
    call: (f) => ({ path: `/v1/meetings/${f.meetingId}/cases`, body: { caseId: f.maracCaseId, agencyRequests: [] } }),
    expect: panelMembers(),
    unknown: (f) => ({ path: `/v1/meetings/${UNKNOWN_ID}/cases`, body: { caseId: f.maracCaseId, agencyRequests: [] } }),
  },
  'GET /v1/meetings/:meetingId': {
    panel: 'MARAC',
    call: (f) => ({ path: `/v1/meetings/${f.meetingId}` }),
    expect: panelMembers(CASE_WORKERS),
    unknown: () => ({ path: `/v1/meetings/${UNKNOWN_ID}` }),
  },
  'GET /v1/meetings/:meetingId/agenda': {
    panel: 'MARAC',
    call: (f) => ({ path: `/v1/meetings/${f.meetingId}/agenda` }),
    expect: panelMembers(CASE_WORKERS),
    unknown: () => ({ path: `/v1/meetings/${UNKNOWN_ID}/agenda` }),
  },
  // Holding or cancelling the fixture meeting makes later listings 409, still past the access check.
  'POST /v1/meetings/:meetingId/held': {
    panel: 'MARAC',
    call: (f) => ({
      path: `/v1/meetings/${f.meetingId}/held`,
      body: { attendance: [{ agency: AGENCY, status: 'present' }] },
    }),
    expect: panelMembers(),
    unknown: () => ({ path: `/v1/meetings/${UNKNOWN_ID}/held`, body: { attendance: [] } }),
  },
  'POST /v1/meetings/:meetingId/cancel': {
    panel: 'MARAC',
    call: (f) => ({ path: `/v1/meetings/${f.meetingId}/cancel`, body: { reason: 'matrix' } }),
    expect: panelMembers(),
    unknown: () => ({ path: `/v1/meetings/${UNKNOWN_ID}/cancel`, body: { reason: 'matrix' } }),
  },

  // ---- information sharing -----------------------------------------------------------------
  'POST /v1/sharing-agreements': {
    call: () => ({
      path: '/v1/sharing-agreements',
      body: {
        title: 'Matrix DSA',
        parties: [AGENCY, 'Probation'],
        purpose: 'matrix',
        lawfulBasis: LAWFUL_BASIS,
        reviewDate: '2030-01-01',
        inForceFrom: '2024-01-01',
      },
    }),
    expect: roles('admin'),
  },
  'GET /v1/sharing-agreements': {
    call: () => ({ path: '/v1/sharing-agreements' }),
    expect: roles('coordinator', 'practitioner', 'auditor', 'admin'),
  },
  'GET /v1/sharing-agreements/:dsaId': {
    call: (f) => ({ path: `/v1/sharing-agreements/${f.dsaId}` }),
    expect: roles('coordinator', 'practitioner', 'auditor', 'admin'),
  },
  'POST /v1/sharing-agreements/:dsaId/parties': {
    call: (f) => ({ path: `/v1/sharing-agreements/${f.changingDsaId}/parties`, body: { agency: 'Haringey Council' } }),
    expect: roles('admin'),
  },
  'POST /v1/sharing-agreements/:dsaId/parties/remove': {
    call: (f) => ({
      path: `/v1/sharing-agreements/${f.changingDsaId}/parties/remove`,
      body: { agency: 'Haringey Council', reason: 'matrix' },
    }),
    expect: roles('admin'),
  },
  'POST /v1/sharing-agreements/:dsaId/renew': {
    call: (f) => ({ path: `/v1/sharing-agreements/${f.changingDsaId}/renew`, body: { reviewDate: '2031-01-01' } }),
    expect: roles('admin'),
  },
  'POST /v1/sharing-agreements/:dsaId/expire': {
    call: (f) => ({ path: `/v1/sharing-agreements/${f.changingDsaId}/expire`, body: {} }),
    expect: roles('admin'),
  },
  'POST /v1/disclosures': {
    panel: 'MARAC',
    call: (f) => ({
      path: '/v1/disclosures',
      body: {
        toAgency: 'Haringey Council',
        caseId: f.maracCaseId,
        fields: ['status'],
        purpose: 'matrix',
        lawfulBasis: LAWFUL_BASIS,
        dsaId: f.dsaId,
        consent: { given: true },
      },
    }),
    expect: panelMembers(CASE_WORKERS),
    unknown: (f) => ({
      path: '/v1/disclosures',
      body: {
        toAgency: 'Haringey Council',
        caseId: UNKNOWN_ID,
        fields: ['status'],
        purpose: 'matrix',
        lawfulBasis: LAWFUL_BASIS,
        dsaId: f.dsaId,
        consent: { given: true },
      },
    }),
  },
  'POST /v1/disclosures/withheld': {
    panel: 'MARAC',
    call: (f) => ({
      path: '/v1/disclosures/withheld',
      body: {
        toAgency: 'Probation',
        dsaId: f.dsaId,
        caseId: f.maracCaseId,
        fields: [],
        purpose: 'matrix',
        reason: 'matrix',
      },
    }),
    expect: panelMembers(CASE_WORKERS),
    unknown: (f) => ({
      path: '/v1/disclosures/withheld',
      body: {
        toAgency: 'Probation',
        dsaId: f.dsaId,
        caseId: UNKNOWN_ID,
        fields: [],
        purpose: 'matrix',
        reason: 'matrix',
      },
    }),
  },
  // A register entry is seen by those who may see its case (and roles that see every entry);
  // revoking is the disclosing agency's act (every caller here acts for it) on a case they may see.
  'POST /v1/disclosures/:disclosureId/revoke': {
    panel: 'MARAC',
    call: (f) => ({ path: `/v1/disclosures/${f.disclosureId}/revoke`, body: { reason: 'matrix' } }),
    expect: registerEntry(['admin'], CASE_WORKERS),
    unknown: () => ({ path: `/v1/disclosures/${UNKNOWN_ID}/revoke`, body: { reason: 'matrix' } }),
  },
  // Information governance places a person-only entry on its panel; the fixture is about a case (409, let in).
  'POST /v1/disclosures/:disclosureId/panel': {
    call: (f) => ({ path: `/v1/disclosures/${f.disclosureId}/panel`, body: { panel: 'IOM', reason: 'matrix' } }),
    expect: roles('admin'),
  },
  'GET /v1/disclosures': {
    call: () => ({ path: '/v1/disclosures' }),
    expect: roles('coordinator', 'practitioner', 'auditor', 'admin'),
  },
  'GET /v1/disclosures/:disclosureId': {
    panel: 'MARAC',
    call: (f) => ({ path: `/v1/disclosures/${f.disclosureId}` }),
    expect: registerEntry(['auditor', 'admin'], ['coordinator', 'practitioner', 'auditor', 'admin']),
    unknown: () => ({ path: `/v1/disclosures/${UNKNOWN_ID}` }),
  },

  // ---- people (identity) ---------------------------------------------------------------------
  'GET /v1/people/:personId': {
    panel: 'MARAC',
    call: (f) => ({ path: `/v1/people/${f.maracPersonId}` }),
    // Admins see every person (identity's choice: merges and splits are theirs to review).
    expect: (role, membership) => (role === 'admin' ? 'allowed' : panelMembers(CASE_WORKERS)(role, membership)),
    unknown: () => ({ path: `/v1/people/${UNKNOWN_ID}` }),
  },
  'POST /v1/people/:personId/split': {
    panel: 'MARAC',
    call: (f) => ({ path: `/v1/people/${f.maracPersonId}/split`, body: { reason: 'matrix' } }),
    expect: (role, membership) =>
      role === 'admin' ? 'allowed' : panelMembers(['coordinator', 'admin'])(role, membership),
    unknown: () => ({ path: `/v1/people/${UNKNOWN_ID}/split`, body: { reason: 'matrix' } }),
  },
  'GET /v1/people/match-reviews': {
    call: () => ({ path: '/v1/people/match-reviews' }),
    expect: roles('coordinator', 'practitioner', 'admin'),
  },
  'GET /v1/people/match-reviews/:id': {
    call: () => ({ path: `/v1/people/match-reviews/${UNKNOWN_ID}` }),
    expect: roles('coordinator', 'practitioner', 'admin'),
  },
  'POST /v1/people/match-reviews/:id/confirm': {
    call: () => ({ path: `/v1/people/match-reviews/${UNKNOWN_ID}/confirm`, body: { reason: 'matrix' } }),
    expect: roles('coordinator', 'admin'),
  },
  'POST /v1/people/match-reviews/:id/reject': {
    call: () => ({ path: `/v1/people/match-reviews/${UNKNOWN_ID}/reject`, body: { reason: 'matrix' } }),
    expect: roles('coordinator', 'admin'),
  },
  'POST /v1/people/match-reviews/:id/reopen': {
    call: () => ({ path: `/v1/people/match-reviews/${UNKNOWN_ID}/reopen`, body: { reason: 'matrix' } }),
    expect: roles('coordinator', 'admin'),
  },
  'GET /v1/people/overlaps': {
    call: () => ({ path: '/v1/people/overlaps' }),
    expect: roles('coordinator', 'practitioner', 'admin'),
  },

  // ---- audit ---------------------------------------------------------------------------------
  'GET /v1/audit/verify': { call: () => ({ path: '/v1/audit/verify' }), expect: roles('auditor', 'admin') },
  'GET /v1/audit/trail': { call: () => ({ path: '/v1/audit/trail' }), expect: roles('auditor', 'admin') },
  'GET /v1/audit/subject-access/:personId': {
    call: (f) => ({ path: `/v1/audit/subject-access/${f.maracPersonId}` }),
    expect: roles('auditor', 'admin'),
  },

  // ---- analytics and jobs ------------------------------------------------------------------
  'GET /v1/analytics/alliance/engagement': {
    call: () => ({ path: '/v1/analytics/alliance/engagement?from=2020-10-19&to=2020-12-31' }),
    expect: roles('analyst', 'admin'),
  },
  'GET /v1/analytics/cohort': {
    call: () => ({ path: '/v1/analytics/cohort?panel=MARAC&asOf=2024-06-30' }),
    expect: roles('analyst', 'admin'),
  },
  'GET /v1/analytics/marac/repeat-rate': {
    call: () => ({ path: '/v1/analytics/marac/repeat-rate?from=2024-01-01&to=2024-12-31' }),
    expect: roles('analyst', 'admin'),
  },
  'GET /v1/analytics/iom/cohort': {
    call: () => ({ path: '/v1/analytics/iom/cohort?from=2024-01-01&to=2024-03-31' }),
    expect: roles('analyst', 'admin'),
  },
  'GET /v1/analytics/iom/counterfactual': {
    call: () => ({ path: '/v1/analytics/iom/counterfactual?from=2024-01-01&to=2024-03-31' }),
    expect: roles('analyst', 'admin'),
  },
  'POST /v1/jobs/:kind': {
    call: () => ({ path: '/v1/jobs/counterfactual-cohort', body: {} }),
    expect: roles('analyst', 'admin'),
  },
  'GET /v1/jobs': { call: () => ({ path: '/v1/jobs' }), expect: anyone },
  // A job is its owner's (and admins'): anyone else is told it does not exist.
  'GET /v1/jobs/:id': { call: (f) => ({ path: `/v1/jobs/${f.jobId}` }), expect: ownerOrAdmin },
  'GET /v1/jobs/:id/files/:name': {
    call: (f) => ({ path: `/v1/jobs/${f.jobId}/files/counterfactual-months.csv` }),
    expect: ownerOrAdmin,
  },
  'DELETE /v1/jobs/:id': { call: (f) => ({ path: `/v1/jobs/${f.jobId}` }), expect: ownerOrAdmin },
};

describe('authorisation matrix (role x panel membership x route)', () => {
  let api: TestApi;
  let fixtures: Fixtures;
  const tokens = new Map<string, Promise<string>>();
  let baseUrl: string;
  const http = () => request(baseUrl);

  const tokenOf = (user: TestUser): Promise<string> => {
    const key = JSON.stringify(user);
    let token = tokens.get(key);
    if (token === undefined) {
      token = tokenFor(user);
      tokens.set(key, token);
    }
    return token;
  };
  const userFor = (role: Role, membership: Membership, panel: string): TestUser => ({
    sub: `${role}-${membership}`,
    name: `Matrix ${role}`,
    agency: AGENCY,
    roles: [role],
    panels: membership === 'own' ? [panel] : membership === 'other' ? [panel === 'ALLIANCE' ? 'IOM' : 'ALLIANCE'] : [],
  });
  const send = async (method: string, call: Call, user: TestUser) => {
    const verb = method.toLowerCase() as 'get' | 'post' | 'delete';
    const req = http()
      [verb](call.path)
      .set('Authorization', `Bearer ${await tokenOf(user)}`)
      .set('X-Purpose', 'authorisation matrix');
    return call.body === undefined ? req : req.send(call.body);
  };

  beforeAll(async () => {
    api = await startTestApi();
    // One listening server for all requests (supertest would otherwise listen per request).
    await api.app.listen(0, '127.0.0.1');
    baseUrl = await api.app.getUrl();
    const setup = (method: string, path: string, body: object | undefined, user: TestUser = COORDINATOR_ALL_PANELS) =>
      send(method, { path, ...(body === undefined ? {} : { body }) }, user);
    const admin: TestUser = { sub: 'matrix-admin', agency: AGENCY, roles: ['admin'] };
    const marac = await setup('POST', '/v1/referrals', maracReferral());
    const iom = await setup('POST', '/v1/referrals', iomReferral());
    const alliance = await setup('POST', '/v1/referrals', allianceReferral());
    const meeting = await setup('POST', '/v1/meetings', { panel: 'MARAC', scheduledFor: AT, chair: 'DI Fixture' });
    const dsaBody = {
      title: 'Fixture DSA',
      parties: [AGENCY, 'Haringey Council'],
      purpose: 'fixture',
      lawfulBasis: LAWFUL_BASIS,
      reviewDate: '2030-01-01',
      inForceFrom: '2024-01-01',
    };
    const dsa = await setup('POST', '/v1/sharing-agreements', dsaBody, admin);
    const changing = await setup(
      'POST',
      '/v1/sharing-agreements',
      { ...dsaBody, parties: [AGENCY, 'Probation', 'Haringey Council'] },
      admin,
    );
    const disclosure = await setup('POST', '/v1/disclosures', {
      toAgency: 'Haringey Council',
      caseId: marac.body.caseId,
      fields: ['status'],
      purpose: 'fixture',
      lawfulBasis: LAWFUL_BASIS,
      dsaId: dsa.body.dsaId,
      consent: { given: true },
    });
    const job = await setup(
      'POST',
      '/v1/jobs/counterfactual-cohort',
      {
        from: '2024-01-01',
        to: '2024-01-31',
        policy: { id: 'x', ogrsAlone: 75, ogrsWithRobberyOrBurglary: 50, ovpMinimum: 0 },
      },
      { sub: 'job-owner', agency: AGENCY, roles: ['analyst'] },
    );
    for (const r of [marac, iom, alliance, meeting, dsa, changing, disclosure, job])
      expect({ status: r.status, body: r.body }).toEqual({ status: expect.any(Number), body: expect.anything() });
    expect([marac, iom, alliance, dsa, changing, disclosure].map((r) => r.status)).toEqual([
      201, 201, 201, 201, 201, 201,
    ]);
    fixtures = {
      maracCaseId: marac.body.caseId,
      iomCaseId: iom.body.caseId,
      allianceCaseId: alliance.body.caseId,
      maracPersonId: marac.body.personId,
      meetingId: meeting.body.meetingId,
      dsaId: dsa.body.dsaId,
      changingDsaId: changing.body.dsaId,
      disclosureId: disclosure.body.disclosureId,
      jobId: job.body.id,
    };
  });
  afterAll(async () => {
    await api.close();
  });

  it('has an entry for every registered /v1 route, and no entry for a route that is gone', () => {
    const registered = registeredRoutes(api.app)
      .filter((r) => r.path.startsWith('/v1'))
      .map((r) => `${r.method} ${r.path}`);
    const missing = registered.filter((key) => !(key in MATRIX));
    const stale = Object.keys(MATRIX).filter((key) => !registered.includes(key));
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
  });

  it('lets in exactly whom each route allows, 403s the wrong role and hides other panels’ things with 404', async () => {
    const checks = Object.entries(MATRIX).flatMap(([key, entry]) =>
      ROLES.flatMap((role) => MEMBERSHIPS.map((membership) => ({ key, entry, role, membership }))),
    );
    const mismatches: string[] = [];
    for (let i = 0; i < checks.length; i += 12) {
      await Promise.all(
        checks.slice(i, i + 12).map(async ({ key, entry, role, membership }) => {
          const [method = 'GET'] = key.split(' ');
          const user = userFor(role, membership, entry.panel ?? 'MARAC');
          const response = await send(method, entry.call(fixtures), user);
          const got = classify(response.status, response.body as { rule?: string });
          const expected = entry.expect(role, membership);
          if (got !== expected)
            mismatches.push(
              `${key} as ${role}/${membership}: expected ${expected}, got ${response.status} ${JSON.stringify(response.body?.rule ?? response.body?.message ?? '')}`,
            );
        }),
      );
    }
    expect(mismatches).toEqual([]);
  });

  it('answers an id from another panel exactly as an unknown id (same status and rule)', async () => {
    const outsider = (panel: string): TestUser => userFor('coordinator', 'other', panel);
    const mismatches: string[] = [];
    await Promise.all(
      Object.entries(MATRIX)
        .filter(([, entry]) => entry.unknown !== undefined)
        .map(async ([key, entry]) => {
          const [method = 'GET'] = key.split(' ');
          const panel = entry.panel ?? 'MARAC';
          const guessed = await send(method, entry.call(fixtures), outsider(panel));
          const unknown = await send(
            method,
            entry.unknown?.(fixtures) ?? entry.call(fixtures),
            userFor('coordinator', 'own', panel),
          );
          const shape = (r: { status: number; body: { rule?: string } }) => `${r.status} ${r.body.rule ?? ''}`;
          if (shape(guessed) !== shape(unknown) || guessed.status !== 404)
            mismatches.push(`${key}: other panel's id ${shape(guessed)}, unknown id ${shape(unknown)}`);
        }),
    );
    expect(mismatches).toEqual([]);
  });
});

function classify(status: number, body: { rule?: string } | undefined): Expected | `unexpected ${number}` {
  if (status === 401 || status >= 500) return `unexpected ${status}`;
  if (status === 403) return 'forbidden';
  if (status === 404 && HIDING_RULES.includes(body?.rule ?? '')) return 'hidden';
  return 'allowed';
}
