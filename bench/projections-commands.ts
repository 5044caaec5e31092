/**
 * The command mix for the lag benchmark: about a quarter referrals on the three panels, the
 * rest case work on cases referred earlier (decisions, RAG, engagement, actions, status), as a
 * partnership's day looks. Bodies follow the HTTP API's DTOs; every person is synthetic.
 */
import type { BenchRandom } from './projections-random';

const DAY_MS = 24 * 60 * 60 * 1000;

type Panel = 'MARAC' | 'IOM' | 'ALLIANCE';

export interface OpenCase {
  readonly caseId: string;
  readonly panel: Panel;
  decided: boolean;
  /** A command on it is in flight: one at a time per case, like one practitioner's screen. */
  busy: boolean;
}

export interface BenchCommand {
  readonly kind: string;
  readonly path: string;
  readonly body: unknown;
  succeeded?(body: Record<string, unknown>): void;
  failed?(): void;
}

const FORENAMES = ['Jordan', 'Sam', 'Alex', 'Priya', 'Kofi', 'Aisha', 'Tomasz', 'Niamh', 'Dean', 'Kai', 'Leah', 'Omar'];
const STATUSES: Record<Panel, string> = {
  MARAC: 'action-plan-in-progress',
  IOM: 'engaging-with-sentence',
  ALLIANCE: 'in-intervention',
};
const referrer = { name: 'Benchmark Referrer', agency: 'Metropolitan Police' };
/** Cases taking further commands: the most recent ones, like a live caseload. */
const WORKING_SET = 400;

/** A distinct letters-only surname per sequence number, so each referral is a new person. */
function surname(sequence: number): string {
  let n = sequence;
  let text = '';
  do {
    text = String.fromCharCode(97 + (n % 26)) + text;
    n = Math.floor(n / 26);
  } while (n > 0);
  return `Bench${text}`;
}

function referral(random: BenchRandom, sequence: number, cases: OpenCase[]): BenchCommand {
  const panel = random.pick<Panel>(['MARAC', 'MARAC', 'IOM', 'ALLIANCE']);
  const person = {
    forenames: random.pick(FORENAMES),
    surname: surname(sequence),
    dateOfBirth:
      panel === 'ALLIANCE' ? '2008-06-01' : `19${random.int(60, 99)}-0${random.int(1, 9)}-1${random.int(0, 9)}`,
    sex: random.pick(['female', 'male']),
    postcode: `N${random.int(1, 22)} ${random.int(1, 9)}AB`,
  };
  const blocks = {
    MARAC: {
      marac: {
        dashScore: random.int(14, 24),
        criteria: ['visible-high-risk'],
        incidentAt: '2024-05-01T22:15:00Z',
        consent: { given: true },
        perpetrator: { forenames: 'Sam', surname: `Perp${surname(sequence)}`, dateOfBirth: '1987-09-30' },
      },
    },
    IOM: {
      iom: { ogrs2: 80, ovp2: 35, robberyOrBurglaryLast2Years: false, route: 'core-partner', currentStatus: 'licence' },
    },
    ALLIANCE: { alliance: { custodySuite: 'Wood Green', residence: 'Haringey', knownToYos: null } },
  };
  return {
    kind: `referral ${panel}`,
    path: '/v1/referrals',
    body: {
      panel,
      referredAt: '2024-05-02T09:00:00Z',
      referrer,
      reason: 'Benchmark referral',
      person,
      ...blocks[panel],
    },
    succeeded(body) {
      if (typeof body['caseId'] === 'string') {
        cases.push({ caseId: body['caseId'], panel, decided: false, busy: false });
        if (cases.length > WORKING_SET * 2) cases.splice(0, cases.length - WORKING_SET);
      }
    },
  };
}

function caseWork(random: BenchRandom, open: OpenCase): BenchCommand {
  const base = `/v1/cases/${open.caseId}`;
  if (!open.decided) {
    return open.panel === 'IOM'
      ? { kind: 'iom adopt', path: `${base}/iom/adopt`, body: { reason: 'Eligible; agreed at panel' } }
      : { kind: 'accept', path: `${base}/accept`, body: {} };
  }
  switch (random.int(0, 3)) {
    case 0:
      return {
        kind: 'risk-rating',
        path: `${base}/risk-rating`,
        body: { rating: random.pick(['red', 'amber', 'green']) },
      };
    case 1:
      return {
        kind: 'engagement',
        path: `${base}/engagement`,
        body: { level: random.pick(['some-engagement-and-motivation', 'active-engagement-and-change']) },
      };
    case 2:
      return {
        kind: 'action',
        path: `${base}/actions`,
        body: {
          description: 'Share safety plan with housing',
          ownerAgency: 'Housing',
          // An action is due on or after the day it is agreed, which is today.
          dueBy: new Date(Date.now() + 14 * DAY_MS).toISOString().slice(0, 10),
        },
      };
    default:
      return { kind: 'status', path: `${base}/status`, body: { status: STATUSES[open.panel] } };
  }
}

/** The next command: case work on an idle recent case three times in four, otherwise a referral. */
export function commandFor(random: BenchRandom, cases: OpenCase[], sequence: number): BenchCommand {
  if (cases.length > 0 && random.chance(0.75)) {
    const open = cases[random.int(Math.max(0, cases.length - WORKING_SET), cases.length - 1)] as OpenCase;
    if (!open.busy) {
      open.busy = true;
      const command = caseWork(random, open);
      return {
        ...command,
        succeeded() {
          open.busy = false;
          open.decided = true;
        },
        failed() {
          open.busy = false;
        },
      };
    }
  }
  return referral(random, sequence, cases);
}
