/**
 * A synthetic partnership history for the replay benchmark: people registered, then MARAC,
 * IOM and Operation Alliance cases with the events each panel records (referral, eligibility,
 * adoption, meetings, actions, interventions, engagement, outcomes, closure), plus read-audit
 * entries, in roughly time order over several years. Every name is made up; a seeded generator
 * makes the same history for the same size. Appends go through the real SqliteEventStore, one
 * append per command-sized batch, as the API makes them.
 */
import { createHash } from 'node:crypto';
import type { EventMetadata, EventToAppend } from '../libs/event-store/src/port/event-envelope';
import type { EventStore } from '../libs/event-store/src/port/event-store';

/** mulberry32: small, seeded, good enough to vary synthetic data. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FORENAMES = ['Alex', 'Sam', 'Jordan', 'Casey', 'Morgan', 'Riley', 'Taylor', 'Jamie', 'Robin', 'Avery'];
const SURNAMES = ['Synthson', 'Testwell', 'Mockford', 'Sampleby', 'Fakehurst', 'Dummett', 'Placeholt'];
const ETHNICITIES = ['White British', 'Black British', 'Asian British', 'Mixed', 'Other', undefined];
const AGENCIES = ['Metropolitan Police', 'IDVA service', 'Housing', 'Children’s Social Care', 'Health', 'Probation'];
const BOROUGHS = ['Enfield', 'Haringey', 'Barnet', 'Islington'];
const OUTCOMES = ['intervention-arranged', 'awaiting-intervention', 'would-not-engage', 'out-of-area-mash-referral'];
const EXITS = ['success', 'moved-out-of-area', 'long-custodial-sentence', 'success', 'death'];
const START_MS = Date.UTC(2019, 0, 1);
const DAY_MS = 86_400_000;

/** A v4-shaped uuid from a counter (the store wants lowercase uuids; randomness is not needed). */
function uuidFor(n: number, salt: string): string {
  const h = createHash('md5').update(`${salt}:${n}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

interface Batch {
  readonly stream: string;
  readonly events: EventToAppend[];
}

export interface HistoryCounts {
  readonly events: number;
  readonly appends: number;
  readonly byType: Record<string, number>;
}

/** Builds and appends about `target` events; returns what was written. */
export async function writeHistory(store: EventStore, target: number, seed = 20_240_501): Promise<HistoryCounts> {
  const random = seeded(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  let ids = 0;
  let events = 0;
  let appends = 0;
  const byType: Record<string, number> = {};
  let day = 0;
  const maracVictims: { personId: string; lastMs: number }[] = [];

  const metadataAt = (ms: number): EventMetadata => {
    const at = new Date(ms).toISOString();
    const agency = pick(AGENCIES);
    return {
      actor: { id: uuidFor(ids++, 'actor'), name: `${pick(FORENAMES)} Coordinator`, agency, roles: ['coordinator'] },
      correlationId: uuidFor(ids++, 'corr'),
      causationId: uuidFor(ids++, 'cause'),
      occurredAt: at,
      recordedAt: at,
      schemaVersion: 1,
    };
  };
  const event = (type: string, data: Record<string, unknown>, metadata: EventMetadata): EventToAppend => {
    byType[type] = (byType[type] ?? 0) + 1;
    return { id: uuidFor(ids++, 'event'), type, data, metadata };
  };
  const append = async (batch: Batch): Promise<void> => {
    await store.append(batch.stream, batch.events, { expected: 'no-stream' });
    events += batch.events.length;
    appends += 1;
  };
  const iso = (ms: number): string => new Date(ms).toISOString();

  const registerPerson = async (ms: number, adult: boolean, sex: string): Promise<string> => {
    const personId = uuidFor(ids++, 'person');
    const born = ms - (adult ? 18 + random() * 45 : 10 + random() * 8) * 365.25 * DAY_MS;
    const ethnicity = pick(ETHNICITIES);
    await append({
      stream: `person-${personId}`,
      events: [
        event(
          'person-registered',
          {
            personId,
            details: {
              forenames: pick(FORENAMES),
              surname: pick(SURNAMES),
              aliases: [],
              dateOfBirth: iso(born).slice(0, 10),
              sex,
              ...(ethnicity === undefined ? {} : { ethnicity }),
              postcode: 'ZZ99 3CZ',
              identifiers: {},
            },
            occurredAt: iso(ms),
          },
          metadataAt(ms),
        ),
      ],
    });
    return personId;
  };

  const referral = (caseId: string, personId: string, panelCode: string, ms: number, details: object) =>
    event(
      'referral-made',
      {
        caseId,
        panelCode,
        personId,
        referrer: { name: `${pick(FORENAMES)} Referrer`, agency: pick(AGENCIES) },
        reason: 'Synthetic referral for the replay benchmark; agencies to share what they hold before the panel.',
        occurredAt: iso(ms),
        details,
      },
      metadataAt(ms),
    );

  const caseWork = (ms: number, n: number): EventToAppend[] => {
    const out: EventToAppend[] = [];
    for (let k = 0; k < n; k++) {
      const at = ms + (k + 1) * 3 * DAY_MS;
      const meta = metadataAt(at);
      const actionId = uuidFor(ids++, 'action');
      out.push(
        event(
          'case-listed',
          { meetingId: uuidFor(ids++, 'meeting'), meetingDate: iso(at).slice(0, 10), occurredAt: iso(at) },
          meta,
        ),
        event(
          'action-agreed',
          {
            actionId,
            description: 'Share safety plan with housing',
            ownerAgency: pick(AGENCIES),
            dueBy: iso(at + 14 * DAY_MS).slice(0, 10),
            meetingId: null,
            occurredAt: iso(at),
          },
          meta,
        ),
        event('action-completed', { actionId, occurredAt: iso(at + 10 * DAY_MS) }, metadataAt(at + 10 * DAY_MS)),
      );
    }
    return out;
  };

  while (events < target) {
    day += 1;
    const ms = START_MS + (day % 2_190) * DAY_MS + Math.floor(random() * DAY_MS);
    const kind = random();
    if (kind < 0.4) {
      // MARAC: a third of referrals re-refer an earlier victim.
      const again = maracVictims.length > 0 && random() < 0.33 ? pick(maracVictims) : undefined;
      const personId =
        again?.personId ?? (await registerPerson(ms, random() > 0.02, random() < 0.95 ? 'female' : 'male'));
      const caseId = uuidFor(ids++, 'case');
      const meta = metadataAt(ms);
      await append({
        stream: `case-${caseId}`,
        events: [
          referral(caseId, personId, 'MARAC', ms, {
            kind: 'marac',
            consent: { given: true },
            perpetrator: { personId: uuidFor(ids++, 'perp'), relationshipToVictim: 'ex-partner' },
            children: [],
            incident: { occurredAt: iso(ms - DAY_MS), summary: 'Synthetic incident' },
            dashScore: 14 + Math.floor(random() * 10),
            criteriaTicked: ['visible-high-risk'],
            criteriaMet: ['visible-high-risk'],
            repeat: again !== undefined && ms - again.lastMs < 365 * DAY_MS,
            previousMaracReferralAt: again === undefined ? null : iso(again.lastMs),
            thresholdsApplied: { dashThreshold: 14, policeCalloutsThreshold: 3, repeatWindowMonths: 12 },
          }),
          event('referral-accepted', { occurredAt: iso(ms) }, meta),
          event(
            'panel-discussed',
            {
              meetingId: uuidFor(ids++, 'meeting'),
              attendance: [{ agency: 'Metropolitan Police', status: 'present' }],
              summary: 'Discussed',
              decisions: ['IDVA support'],
              occurredAt: iso(ms + 7 * DAY_MS),
            },
            metadataAt(ms + 7 * DAY_MS),
          ),
          ...caseWork(ms, 2),
          event(
            'intervention-arranged',
            {
              interventionId: uuidFor(ids++, 'iv'),
              interventionType: 'IDVA support',
              provider: 'IDVA service',
              pathway: null,
              occurredAt: iso(ms + 8 * DAY_MS),
            },
            meta,
          ),
          event(
            'case-closed',
            { exitStatus: 'other', exitDetail: 'Plan complete', occurredAt: iso(ms + 60 * DAY_MS) },
            metadataAt(ms + 60 * DAY_MS),
          ),
        ],
      });
      if (again) again.lastMs = ms;
      else if (maracVictims.length < 50_000) maracVictims.push({ personId, lastMs: ms });
    } else if (kind < 0.7) {
      // IOM: eligibility on the 2021 policy, adopted, rejected or added by discretion.
      const personId = await registerPerson(ms, true, random() < 0.9 ? 'male' : 'female');
      const caseId = uuidFor(ids++, 'case');
      const inputs = {
        ogrs2y: Math.floor(random() * 100),
        ovp2y: Math.floor(random() * 60),
        robberyOrBurglaryInLast2Years: random() < 0.3,
      };
      const eligible =
        (inputs.ogrs2y >= 75 || (inputs.ogrs2y >= 50 && inputs.robberyOrBurglaryInLast2Years)) && inputs.ovp2y >= 30;
      const meta = metadataAt(ms);
      const decided = ms + 5 * DAY_MS;
      const adopt = eligible ? random() < 0.6 : random() < 0.1;
      const decision = adopt
        ? [
            event(
              eligible ? 'iom-case-adopted' : 'iom-discretionary-adoption',
              {
                ...(eligible ? {} : { category: 'escalating-offending' }),
                reason: 'Panel decision',
                eligibilityPolicy: { id: 'london-2021', version: 1 },
                occurredAt: iso(decided),
              },
              metadataAt(decided),
            ),
            event('referral-accepted', { occurredAt: iso(decided) }, metadataAt(decided)),
          ]
        : [
            event(
              'iom-case-rejected',
              {
                ...pick([
                  { category: 'managed-under-mappa', reason: 'Managed by MAPPA' },
                  { category: 'in-long-custody', reason: 'In custody long term' },
                  { category: 'capacity', reason: 'Capacity' },
                ]),
                eligibleWhenRejected: eligible,
                occurredAt: iso(decided),
              },
              metadataAt(decided),
            ),
            event('referral-declined', { reason: 'Panel decision', occurredAt: iso(decided) }, metadataAt(decided)),
          ];
      const work = adopt
        ? [
            event(
              'iom-pathways-updated',
              { pathways: ['accommodation', 'drugs-alcohol'], occurredAt: iso(decided) },
              meta,
            ),
            event(
              'engagement-recorded',
              { level: 'some-engagement-and-motivation', occurredAt: iso(decided + 30 * DAY_MS) },
              meta,
            ),
            event(
              'risk-rated',
              { rating: pick(['red', 'amber', 'green']), occurredAt: iso(decided + 30 * DAY_MS) },
              meta,
            ),
            event(
              'case-status-changed',
              { status: 'engaging-with-sentence', previousStatus: 'custody', occurredAt: iso(decided + 40 * DAY_MS) },
              meta,
            ),
            ...caseWork(decided, 2),
            event(
              'engagement-recorded',
              { level: 'active-engagement-and-change', occurredAt: iso(decided + 90 * DAY_MS) },
              meta,
            ),
            event(
              'case-closed',
              { exitStatus: pick(EXITS), occurredAt: iso(decided + (120 + random() * 400) * DAY_MS) },
              meta,
            ),
          ]
        : [];
      await append({
        stream: `case-${caseId}`,
        events: [
          referral(caseId, personId, 'IOM', ms, {
            kind: 'iom',
            route: 'core-partner',
            scores: inputs,
            statusAtReferral: 'licence',
          }),
          event(
            'iom-eligibility-evaluated',
            {
              policy: { id: 'london-2021', version: 1 },
              thresholds: { ogrsAlone: 75, ogrsWithRobberyOrBurglary: 50, ovpMinimum: 30 },
              inputs,
              eligible,
              ogrsRoute: null,
              ovpMet: inputs.ovp2y >= 30,
              source: 'referral',
              occurredAt: iso(ms),
            },
            meta,
          ),
          ...decision,
          ...work,
        ],
      });
    } else if (kind < 0.92) {
      // Operation Alliance: a child engaged in custody, an outcome, a follow-up.
      const personId = await registerPerson(ms, false, random() < 0.85 ? 'male' : 'female');
      const caseId = uuidFor(ids++, 'case');
      const engagementId = uuidFor(ids++, 'engagement');
      const meta = metadataAt(ms);
      await append({
        stream: `case-${caseId}`,
        events: [
          referral(caseId, personId, 'ALLIANCE', ms, { kind: 'alliance', custodySuite: 'Wood Green' }),
          event(
            'alliance-engagement-recorded',
            {
              engagementId,
              custodySuite: 'Wood Green',
              ageAtEngagement: 10 + Math.floor(random() * 9),
              residenceBorough: pick(BOROUGHS),
              knownToYos: pick([true, false, null]),
              occurredAt: iso(ms),
              followUpDueAt: iso(ms + 2 * DAY_MS),
            },
            meta,
          ),
          event(
            'alliance-engagement-outcome-recorded',
            {
              engagementId,
              outcome: pick(OUTCOMES),
              previousOutcome: null,
              followUpDueAt: iso(ms + 2 * DAY_MS),
              occurredAt: iso(ms),
            },
            meta,
          ),
          event(
            'alliance-follow-up-completed',
            { engagementId, occurredAt: iso(ms + DAY_MS) },
            metadataAt(ms + DAY_MS),
          ),
          event(
            'intervention-arranged',
            {
              interventionId: uuidFor(ids++, 'iv'),
              interventionType: 'boxing club',
              provider: 'Local club',
              pathway: 'sport',
              occurredAt: iso(ms + DAY_MS),
            },
            meta,
          ),
        ],
      });
    } else {
      // Reads recorded in the audit trail.
      const meta = metadataAt(ms);
      await append({
        stream: `audit-${uuidFor(ids++, 'audit')}`,
        events: Array.from({ length: 5 }, () =>
          event('case-viewed', { purpose: 'Preparing for panel', caseIds: [uuidFor(ids++, 'case')] }, meta),
        ),
      });
    }
  }
  return { events, appends, byType };
}
