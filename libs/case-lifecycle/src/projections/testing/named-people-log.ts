/**
 * A random history of people and their referrals for the tracker's name search: records linked
 * with aliases (some of one word), accents and curly apostrophes, names changed later, referrals
 * that name their subject's record (or none, or another person's), MARAC perpetrators' records,
 * merges, splits that move records or cases, and closed cases. All data is synthetic.
 */
import { randomUUID } from 'node:crypto';
import type { CommandContext } from '../../../../command-handling/src/command-context';
import { toEventsToAppend } from '../../../../command-handling/src/handle-command';
import { coordinatorContext } from '../../../../command-handling/src/testing/coordinator-context';
import type { EventStore } from '../../../../event-store/src/port/event-store';
import { identityStream } from '../../../../identity/src/domain/person-links';
import { recordConfirmedMerge } from '../../../../identity/src/testing/confirmed-merge';
import type { PersonName } from '../../domain';

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const FORENAMES = ['Zoë', 'Zoe', 'Seán', 'Sean', 'Siobhán', 'Renée', 'Mary Ann', 'Jo', 'Ana \u00b7 Maria', '100%'];
const SURNAMES = [
  'O\u2019Brien',
  "O'Brien",
  'Núñez',
  'Brontë',
  'Smith',
  'D\u2019Arcy',
  'Okafor',
  'Ó Súilleabháin',
  'Lee_Ng',
];
export const PANELS = ['MARAC', 'IOM', 'ALLIANCE'] as const;

const nameOf = (random: Random): PersonName => ({
  forenames: pick(random, FORENAMES),
  surname: pick(random, SURNAMES),
});
/** An alias; one drawn with the surname Okafor is given as that one word, as a maiden name is. */
const aliasOf = (random: Random): PersonName => {
  const name = nameOf(random);
  return name.surname === 'Okafor' ? { forenames: name.surname, surname: '' } : name;
};
const detailsOf = (random: Random) => ({
  ...nameOf(random),
  aliases: Array.from({ length: Math.floor(random() * 3) }, () => aliasOf(random)),
  identifiers: {},
});

function referralDetails(random: Random, panel: (typeof PANELS)[number], perpetrator: string, at: string) {
  switch (panel) {
    case 'ALLIANCE':
      return { kind: 'alliance', custodySuite: 'Synthetic Suite' };
    case 'IOM':
      return {
        kind: 'iom',
        route: 'referral-form',
        scores: { ogrs2y: 80, ovp2y: 40, robberyOrBurglaryInLast2Years: false },
        statusAtReferral: null,
      };
    case 'MARAC':
      return {
        kind: 'marac',
        consent: { given: true },
        perpetrator: { personId: perpetrator, relationshipToVictim: 'ex-partner' },
        children: [],
        incident: { occurredAt: at, summary: 'Synthetic incident' },
        dashScore: 10 + Math.floor(random() * 15),
        criteriaTicked: ['visible-high-risk'],
        criteriaMet: ['visible-high-risk'],
        repeat: false,
        previousMaracReferralAt: null,
        thresholdsApplied: { dashThreshold: 14, policeCalloutsThreshold: 3, repeatWindowMonths: 12 },
      };
  }
}

/** Appends the history; `referrals` cases in all, `named-0` to `named-<referrals - 1>`. */
export async function appendNamedPeopleLog(store: EventStore, random: Random, referrals: number): Promise<void> {
  let minute = 0;
  const context = (extra?: Record<string, unknown>): CommandContext => {
    minute += 1;
    const at = new Date(Date.UTC(2024, 0, 1, 9, minute)).toISOString();
    return { ...coordinatorContext(at), ...(extra === undefined ? {} : { extraMetadata: extra }) };
  };
  const append = (stream: string, type: string, data: object, extra?: Record<string, unknown>) =>
    store.append(stream, toEventsToAppend([{ type, data }], context(extra)), { expected: 'any' });
  const people = Array.from({ length: 40 }, (_, i) => `person-${i}`);
  const records = new Map<string, string>(people.map((id) => [id, id]));
  const cases: string[] = [];
  let linked = 0;
  const link = async (personId: string): Promise<string> => {
    const recordId = `record-${linked++}`;
    records.set(recordId, personId);
    await append(identityStream(personId), 'person-record-linked', {
      personId,
      recordId,
      details: detailsOf(random),
      score: 20,
      levels: {},
      identifierAgreement: false,
      occurredAt: '2024-01-01T09:00:00.000Z',
    });
    return recordId;
  };
  for (const personId of people)
    await append(`person-${personId}`, 'person-registered', {
      personId,
      details: detailsOf(random),
      occurredAt: '2024-01-01T09:00:00.000Z',
    });
  const refer = async (caseId: string) => {
    const panel = pick(random, PANELS);
    // Now and then someone the index has never registered.
    const personId = random() < 0.03 ? `unregistered-${caseId}` : pick(random, people);
    const draw = random();
    const recordId =
      draw < 0.6 ? await link(personId) : draw < 0.8 ? personId : draw < 0.9 ? null : pick(random, [...records.keys()]);
    const perpetrator = random() < 0.1 ? personId : pick(random, people);
    const perpetratorRecordId = panel === 'MARAC' && random() < 0.5 ? await link(perpetrator) : undefined;
    const at = new Date(Date.UTC(2024, 1, 1) + cases.length * 3_600_000).toISOString();
    await append(
      `case-${caseId}`,
      'referral-made',
      {
        caseId,
        panelCode: panel,
        personId,
        recordId,
        referrer: { name: 'Synthetic Referrer', agency: 'police' },
        reason: 'Synthetic referral',
        occurredAt: at,
        details: referralDetails(random, panel, perpetrator, at),
      },
      perpetratorRecordId === undefined ? undefined : { perpetratorRecordId },
    );
    if (!cases.includes(caseId)) cases.push(caseId);
  };
  const later = async () => {
    const draw = random();
    if (draw < 0.25) {
      const recordId = pick(random, [...records.keys()]);
      const changes = pick(random, [
        { forenames: pick(random, FORENAMES) },
        { aliases: [aliasOf(random)] },
        nameOf(random),
      ]);
      const holder = records.get(recordId) as string;
      if (recordId === holder)
        await append(`person-${recordId}`, 'person-details-recorded', {
          changes,
          occurredAt: '2024-03-01T09:00:00.000Z',
        });
      else
        await append(identityStream(holder), 'person-record-details-recorded', {
          personId: holder,
          recordId,
          changes,
          occurredAt: '2024-03-01T09:00:00.000Z',
        });
    } else if (draw < 0.45) {
      const [survivorId, mergedId] = [pick(random, people), pick(random, people)];
      if (survivorId !== mergedId)
        await recordConfirmedMerge(
          store,
          { survivorId, mergedId, reason: 'Same person', occurredAt: '2024-03-01T09:00:00.000Z' },
          context(),
        );
    } else if (draw < 0.6) {
      const personId = pick(random, people);
      const intoPersonId = random() < 0.3 ? pick(random, people) : `split-${randomUUID().slice(0, 8)}`;
      const theirs = [...records].filter(([, holder]) => holder === personId).map(([recordId]) => recordId);
      await append(identityStream(personId), 'person-split', {
        personId,
        intoPersonId,
        restored: !intoPersonId.startsWith('split-'),
        recordIds: theirs.filter(() => random() < 0.5),
        caseIds: cases.filter(() => random() < 0.02),
        reason: 'Two people',
        occurredAt: '2024-03-01T09:00:00.000Z',
      });
    } else if (draw < 0.75 && cases.length > 0) {
      const caseId = pick(random, cases);
      await append(`case-${caseId}`, pick(random, ['case-closed', 'referral-declined']), {
        reason: 'Synthetic',
        occurredAt: '2024-03-01T09:00:00.000Z',
      });
    } else if (draw < 0.8 && cases.length > 0) {
      // Never decided, but the index must survive it: a referral written again under another
      // person, and a registration written again (its record loses the case that tagged it).
      if (random() < 0.5) await refer(pick(random, cases));
      else {
        const personId = pick(random, people);
        await append(`person-${personId}`, 'person-registered', {
          personId,
          details: detailsOf(random),
          occurredAt: '2024-03-01T09:00:00.000Z',
        });
      }
    } else await refer(`named-${cases.length}`);
  };
  while (cases.length < referrals / 2) await refer(`named-${cases.length}`);
  while (cases.length < referrals) await later();
}

/**
 * A person registered under `name` (with its aliases, if any) and referred to Alliance at once, the
 * referral naming her registration's record.
 */
export async function referNamedAllianceCase(
  store: EventStore,
  caseId: string,
  name: PersonName & { readonly aliases?: readonly PersonName[] },
): Promise<void> {
  const personId = `person-of-${caseId}`;
  const context = coordinatorContext('2024-04-01T09:00:00.000Z');
  const events = [
    {
      stream: `person-${personId}`,
      type: 'person-registered',
      data: { personId, details: { aliases: [], ...name, identifiers: {} }, occurredAt: context.now },
    },
    {
      stream: `case-${caseId}`,
      type: 'referral-made',
      data: {
        caseId,
        panelCode: 'ALLIANCE',
        personId,
        recordId: personId,
        referrer: { name: 'Synthetic Referrer', agency: 'police' },
        reason: 'Synthetic',
        occurredAt: context.now,
        details: { kind: 'alliance' },
      },
    },
  ];
  for (const { stream, type, data } of events)
    await store.append(stream, toEventsToAppend([{ type, data }], context), { expected: 'any' });
}
