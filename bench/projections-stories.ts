/**
 * Case histories for the projections benchmark, decided by the domain's own deciders so every
 * event is one the application could have written (the read models fold them with the same
 * `evolve`). A story is a list of appends, one per command, as the HTTP API writes them.
 * All names, ids and dates are synthetic.
 */
import type { Decider, DomainEvent } from '../libs/command-handling/src/decider';
import {
  ALLIANCE_OUTCOMES,
  caseDecider,
  caseStream,
  ENGAGEMENT_LEVELS,
  IOM_PATHWAYS,
  meetingDecider,
  meetingStream,
  personDecider,
  personStream,
  RAG_RATINGS,
  type CaseCommand,
  type MeetingCommand,
  type PersonCommand,
} from '../libs/case-lifecycle/src/domain';
import type { BenchRandom } from './projections-random';

export type PanelCode = 'IOM' | 'MARAC' | 'ALLIANCE';

/** One command's events on one stream: one append. `at` orders steps within a wave. */
export interface Step {
  readonly stream: string;
  readonly events: readonly DomainEvent[];
  readonly occurredAt: string;
}

const DAY = 86_400_000;
const FORENAMES = ['Jordan', 'Sam', 'Alex', 'Priya', 'Kofi', 'Aisha', 'Tomasz', 'Niamh', 'Dean', 'Kai', 'Leah', 'Omar'];
const SURNAMES = ['Okafor', 'Reyes', 'Marsh', 'Demir', 'Nowak', 'Patel', 'Hughes', 'Byrne', 'Clarke', 'Mensah'];
const AGENCIES = ['Metropolitan Police', 'Probation', 'Haringey Council', 'NHS Trust', 'IDVA Service', 'Housing'];
const PROVIDERS = ['Boxing club', 'Tenancy support', 'IDVA support', 'Drug service', 'Mentoring scheme'];

/** Decides commands on the streams of one wave, keeping each stream's state; refusals are counted, not thrown. */
export class StoryWriter {
  private readonly states = new Map<string, unknown>();
  readonly refused = new Map<string, number>();

  decide<S, C extends { type: string }, E extends DomainEvent>(
    steps: Step[],
    decider: Decider<S, C, E>,
    stream: string,
    command: C & { data: { occurredAt: string } },
    /** A refusal the story expects (trying adoption before knowing eligibility): not counted. */
    expected = false,
  ): boolean {
    const state = (this.states.get(stream) as S | undefined) ?? decider.initialState();
    let events: readonly E[];
    try {
      events = decider.decide(command, state);
    } catch {
      if (expected) return false;
      this.refused.set(command.type, (this.refused.get(command.type) ?? 0) + 1);
      return false;
    }
    if (events.length === 0) return true;
    this.states.set(stream, events.reduce(decider.evolve, state));
    steps.push({ stream, events, occurredAt: command.data.occurredAt });
    return true;
  }

  onCase(steps: Step[], caseId: string, command: CaseCommand, expected = false): boolean {
    return this.decide(steps, caseDecider, caseStream(caseId), command, expected);
  }

  onMeeting(steps: Step[], meetingId: string, command: MeetingCommand): boolean {
    return this.decide(steps, meetingDecider, meetingStream(meetingId), command);
  }

  onPerson(steps: Step[], personId: string, command: PersonCommand): boolean {
    return this.decide(steps, personDecider, personStream(personId), command);
  }

  /** Cases and meetings of a finished wave are never touched again: forget them to bound memory. People recur. */
  forget(): void {
    for (const stream of this.states.keys()) if (!stream.startsWith('person-')) this.states.delete(stream);
  }
}

export interface Meeting {
  readonly meetingId: string;
  readonly panel: PanelCode;
  readonly date: string;
}

export interface StoryContext {
  readonly random: BenchRandom;
  readonly writer: StoryWriter;
  /** People already known, so that some referrals are of someone seen before. */
  readonly knownPeople: string[];
  /** Meetings of the wave by panel and review cycle. */
  meetingFor(panel: PanelCode, cycle: number): Meeting;
}

const iso = (ms: number): string => new Date(ms).toISOString();

function registerPerson(ctx: StoryContext, steps: Step[], at: number, adult: boolean): string {
  const { random, writer, knownPeople } = ctx;
  if (knownPeople.length > 100 && random.chance(0.15)) {
    const personId = random.pick(knownPeople);
    writer.onPerson(steps, personId, {
      type: 'record-person-details',
      data: { personId, changes: { postcode: `N${random.int(1, 22)} ${random.int(1, 9)}AB` }, occurredAt: iso(at) },
    });
    return personId;
  }
  const personId = random.uuid();
  const year = adult ? random.int(1960, 2002) : random.int(2007, 2012);
  writer.onPerson(steps, personId, {
    type: 'register-person',
    data: {
      personId,
      details: {
        forenames: random.pick(FORENAMES),
        surname: random.pick(SURNAMES),
        aliases: [],
        dateOfBirth: `${year}-0${random.int(1, 9)}-1${random.int(0, 9)}`,
        sex: random.pick(['female', 'male'] as const),
        postcode: `N${random.int(1, 22)} ${random.int(1, 9)}AB`,
        identifiers: {},
      },
      occurredAt: iso(at),
    },
  });
  knownPeople.push(personId);
  if (knownPeople.length > 20_000) knownPeople.splice(0, 10_000);
  return personId;
}

function referral(ctx: StoryContext, steps: Step[], panel: PanelCode, caseId: string, at: number): boolean {
  const { random, writer } = ctx;
  const personId = registerPerson(ctx, steps, at, panel !== 'ALLIANCE');
  const common = {
    caseId,
    panelCode: panel,
    personId,
    referrer: { name: 'Synthetic Referrer', agency: random.pick(AGENCIES) },
    reason: 'Synthetic referral for the projections benchmark',
    occurredAt: iso(at),
  };
  if (panel === 'MARAC') {
    const perpetrator = registerPerson(ctx, steps, at, true);
    return writer.onCase(steps, caseId, {
      type: 'make-referral',
      data: {
        ...common,
        details: {
          kind: 'marac',
          consent: { given: true },
          perpetrator: { personId: perpetrator, relationshipToVictim: 'ex-partner' },
          children: random.chance(0.4) ? [{ name: 'Synthetic Child', dateOfBirth: '2016-05-01' }] : [],
          incident: { occurredAt: iso(at - DAY), summary: 'Synthetic incident reported to police' },
          dashScore: random.int(14, 24),
          policeCallouts12m: random.int(0, 5),
          criteriaTicked: ['visible-high-risk'],
        },
      },
    });
  }
  if (panel === 'IOM') {
    return writer.onCase(steps, caseId, {
      type: 'make-referral',
      data: {
        ...common,
        details: {
          kind: 'iom',
          route: random.pick(['probation-core-cohort-upload', 'core-partner', 'referral-form'] as const),
          scores: {
            ogrs2y: random.int(40, 95),
            ovp2y: random.int(15, 60),
            robberyOrBurglaryInLast2Years: random.chance(0.3),
          },
          statusAtReferral: random.pick(['custody', 'licence', 'community-order'] as const),
        },
      },
    });
  }
  return writer.onCase(steps, caseId, {
    type: 'make-referral',
    data: { ...common, details: { kind: 'alliance', custodySuite: random.pick(['Wood Green', 'Tottenham']) } },
  });
}

/** A panel review: listed on the cycle's meeting, discussed there, with an action plan. */
function review(ctx: StoryContext, steps: Step[], panel: PanelCode, caseId: string, cycle: number): number {
  const { random, writer } = ctx;
  const meeting = ctx.meetingFor(panel, cycle);
  const listedAt = Date.parse(meeting.date) - 7 * DAY;
  writer.onMeeting(steps, meeting.meetingId, {
    type: 'list-case-on-meeting',
    data: {
      meetingId: meeting.meetingId,
      caseId,
      agencyRequests: [{ agency: random.pick(AGENCIES), toBring: 'Latest contact and risk information' }],
      occurredAt: iso(listedAt),
    },
  });
  writer.onCase(steps, caseId, {
    type: 'list-case',
    data: {
      caseId,
      meetingId: meeting.meetingId,
      meetingPanelCode: panel,
      meetingDate: meeting.date,
      occurredAt: iso(listedAt),
    },
  });
  const heldAt = Date.parse(meeting.date);
  const actions = Array.from({ length: random.int(1, 3) }, () => ({
    actionId: random.uuid(),
    description: 'Synthetic safety-plan action',
    ownerAgency: random.pick(AGENCIES),
    dueBy: iso(heldAt + random.int(7, 40) * DAY).slice(0, 10),
  }));
  writer.onCase(steps, caseId, {
    type: 'record-panel-discussion',
    data: {
      caseId,
      meetingId: meeting.meetingId,
      meetingPhase: 'scheduled',
      meetingHeldAt: null,
      attendance: AGENCIES.slice(0, 4).map((agency) => ({ agency, status: 'present' as const })),
      summary: 'Synthetic discussion of risks and agency information',
      decisions: ['Share information with housing', 'Review at next meeting'],
      actions,
      occurredAt: iso(heldAt),
    },
  });
  let at = heldAt + DAY;
  for (const action of actions) {
    if (!random.chance(0.7)) continue;
    at += random.int(2, 10) * DAY;
    writer.onCase(steps, caseId, {
      type: 'complete-action',
      data: { caseId, actionId: action.actionId, occurredAt: iso(at) },
    });
  }
  return at;
}

function casework(ctx: StoryContext, steps: Step[], panel: PanelCode, caseId: string, from: number): number {
  const { random, writer } = ctx;
  let at = from;
  const next = (): string => iso((at += random.int(1, 6) * DAY));
  writer.onCase(steps, caseId, {
    type: 'rate-risk',
    data: { caseId, rating: random.pick(RAG_RATINGS), occurredAt: next() },
  });
  writer.onCase(steps, caseId, {
    type: 'record-engagement',
    data: { caseId, level: random.pick(ENGAGEMENT_LEVELS), occurredAt: next() },
  });
  if (random.chance(0.7)) {
    const interventionId = random.uuid();
    writer.onCase(steps, caseId, {
      type: 'arrange-intervention',
      data: {
        caseId,
        interventionId,
        interventionType: random.pick(PROVIDERS),
        provider: 'Synthetic provider',
        occurredAt: next(),
      },
    });
    writer.onCase(steps, caseId, { type: 'start-intervention', data: { caseId, interventionId, occurredAt: next() } });
    if (random.chance(0.6)) {
      writer.onCase(steps, caseId, {
        type: 'complete-intervention',
        data: { caseId, interventionId, occurredAt: next() },
      });
    }
  }
  const status = { IOM: 'engaging-with-sentence', MARAC: 'action-plan-in-progress', ALLIANCE: 'in-intervention' }[
    panel
  ];
  writer.onCase(steps, caseId, { type: 'change-case-status', data: { caseId, status, occurredAt: next() } });
  return at;
}

/**
 * One case from referral to (usually) closure. IOM cases are reviewed over several monthly
 * cycles (long streams), Alliance ones are short custody engagements with a follow-up.
 */
export function caseStory(ctx: StoryContext, panel: PanelCode, referredAt: number): Step[] {
  const { random, writer } = ctx;
  const steps: Step[] = [];
  const caseId = random.uuid();
  if (!referral(ctx, steps, panel, caseId, referredAt)) return steps;
  let at = referredAt + DAY;
  if (panel === 'IOM') {
    const adopted =
      writer.onCase(
        steps,
        caseId,
        { type: 'adopt-iom-case', data: { caseId, reason: 'Eligible; agreed at panel', occurredAt: iso(at) } },
        true,
      ) ||
      (random.chance(0.5)
        ? writer.onCase(steps, caseId, {
            type: 'adopt-iom-case-by-discretion',
            data: { caseId, category: 'serious-violence', reason: 'Local priority', occurredAt: iso(at) },
          })
        : !writer.onCase(steps, caseId, {
            type: 'reject-iom-case',
            data: {
              caseId,
              category: 'managed-by-another-scheme',
              reason: 'Managed by probation alone',
              occurredAt: iso(at),
            },
          }));
    if (!adopted) return steps;
    writer.onCase(steps, caseId, {
      type: 'update-iom-pathways',
      data: { caseId, pathways: [random.pick(IOM_PATHWAYS), 'accommodation'], occurredAt: iso(at + DAY) },
    });
  } else if (random.chance(0.05)) {
    writer.onCase(steps, caseId, {
      type: 'decline-referral',
      data: { caseId, reason: 'Threshold not met', occurredAt: iso(at) },
    });
    return steps;
  } else {
    writer.onCase(steps, caseId, { type: 'accept-referral', data: { caseId, occurredAt: iso(at) } });
  }
  if (panel === 'ALLIANCE') {
    const engagementId = random.uuid();
    const outcome = random.pick(ALLIANCE_OUTCOMES);
    const drawnBorough = random.pick(['Enfield', 'Haringey', 'Barnet']);
    // A MASH referral is for a child living outside the scheme's boroughs; the decider refuses it otherwise.
    const residenceBorough = outcome === 'out-of-area-mash-referral' ? 'Barnet' : drawnBorough;
    writer.onCase(steps, caseId, {
      type: 'record-alliance-engagement',
      data: {
        caseId,
        engagementId,
        custodySuite: 'Wood Green',
        ageAtEngagement: random.int(10, 18),
        residenceBorough,
        knownToYos: random.pick([true, false, null]),
        outcome,
        occurredAt: iso(at),
      },
    });
    if (outcome === 'awaiting-intervention' && random.chance(0.6)) {
      writer.onCase(steps, caseId, {
        type: 'record-alliance-engagement-outcome',
        data: { caseId, engagementId, outcome: 'intervention-arranged', occurredAt: iso(at + DAY) },
      });
    }
    writer.onCase(steps, caseId, {
      type: 'complete-alliance-follow-up',
      data: { caseId, engagementId, occurredAt: iso(at + 2 * DAY) },
    });
    at += 3 * DAY;
  }
  const cycles = panel === 'IOM' ? random.int(2, 5) : panel === 'MARAC' ? random.int(1, 2) : random.chance(0.3) ? 1 : 0;
  for (let cycle = 0; cycle < cycles; cycle++) {
    at = Math.max(at, review(ctx, steps, panel, caseId, cycle));
    at = casework(ctx, steps, panel, caseId, at);
  }
  if (cycles === 0) at = casework(ctx, steps, panel, caseId, at);
  if (random.chance(0.6)) {
    const exitStatus = { IOM: 'success', MARAC: 'action-plan-completed', ALLIANCE: 'diversion-completed' }[panel];
    const occurredAt = iso(at + 7 * DAY);
    // A MARAC plan counts as completed only once every action is done; a case with one still open is transferred.
    const closed = writer.onCase(
      steps,
      caseId,
      { type: 'close-case', data: { caseId, exitStatus, occurredAt } },
      panel === 'MARAC',
    );
    if (!closed && panel === 'MARAC') {
      const transferred = { caseId, exitStatus: 'transferred-to-another-marac', occurredAt };
      writer.onCase(steps, caseId, { type: 'close-case', data: transferred });
    }
  }
  return steps;
}
