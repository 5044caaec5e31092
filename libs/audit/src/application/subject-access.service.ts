import { Inject, Injectable } from '@nestjs/common';
import { notFound } from '../../../command-handling/src/rejections';
import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import { EVENT_STORE, type EventStore } from '../../../event-store/src/port/event-store';
import { AuditTrailQuery, type HeldNow, type TrailItem } from '../projections/audit-trail.query';
import { FREE_TEXT_KEYS, freeTextToReview, type ManualReviewNote, redactMarac } from './marac-redaction';
import { walkIds } from './returned-ids';

/** Disclosure decisions the information-sharing context records; their data names personId/caseId. */
export const DISCLOSURE_ACTIONS = ['information-shared', 'information-withheld'] as const;
const READ_ACTIONS = ['case-viewed', 'person-viewed', 'search', 'export', 'report-run'];
/** Streams of the identity context that hold one person's records, matches, merges and splits. */
const IDENTITY_STREAMS = ['identity-', 'personmatch-'];
const PERSON_STREAM = 'person-';
const PAGE = 1000;
const NAMED_ONLY =
  'The person is named in this case but it is about someone else: only what the events record about them is ' +
  'given, and a person must review it before release.';
const FREE_TEXT_MAY_REFER_TO_MARAC = 'free text may refer to a MARAC; review before release';

const heldBy = (event: RecordedEvent) => ({
  position: event.position.toString(),
  type: event.type,
  stream: event.stream,
  revision: Number(event.revision),
  recordedAt: event.metadata.recordedAt,
  occurredAt: event.metadata.occurredAt,
  recordedBy: { id: event.metadata.actor.id, name: event.metadata.actor.name, agency: event.metadata.actor.agency },
});
const asHeld = (event: RecordedEvent) => ({ ...heldBy(event), data: event.data });

type HeldEvent = ReturnType<typeof asHeld>;
/** An event of a case that only names the person: the parts of its data that are about them. */
type NamedEvent = ReturnType<typeof heldBy> & { about: { path: string; fields: Record<string, unknown> }[] };

export interface SubjectAccessReport {
  readonly personId: string;
  /** Every id the person is known by now (ids merged into them included). */
  readonly personIds: readonly string[];
  readonly generatedAt: string;
  readonly maracRedacted: boolean;
  readonly person: { readonly events: readonly HeldEvent[] };
  readonly cases: readonly (
    | { caseId: string; panel: string | null; role: 'subject'; events: HeldEvent[] }
    | {
        caseId: string;
        panel: string | null;
        role: 'named';
        manualReviewRequired: true;
        reason: string;
        events: NamedEvent[];
      }
  )[];
  readonly reads: readonly TrailItem[];
  readonly disclosures: readonly (TrailItem & { data: unknown })[];
  /** Free text a person must read before the report is released (redacted reports only). */
  readonly manualReview: readonly ManualReviewNote[];
}

const namesAny = (data: unknown, ids: ReadonlySet<string>): boolean => {
  let found = false;
  walkIds(data, { caseId: () => undefined, personId: (id) => void (found ||= ids.has(id)) });
  return found;
};

/**
 * The objects of `data` that name one of `ids` (`perpetrator: { personId, relationshipToVictim }`),
 * each with its plain fields only: nothing nested (a victim's details sit beside a perpetrator's)
 * and no free text (a discussion summary or an action's text is about the case, not them).
 */
function partsAbout(data: unknown, ids: ReadonlySet<string>, path = '$'): NamedEvent['about'] {
  if (typeof data !== 'object' || data === null) return [];
  if (Array.isArray(data)) return data.flatMap((item, i) => partsAbout(item, ids, `${path}[${i}]`));
  const fields = data as Record<string, unknown>;
  const own = Object.entries(fields).filter(
    ([key, value]) => !FREE_TEXT_KEYS.has(key) && (value === null || typeof value !== 'object'),
  );
  const about = own.some(([key, value]) => /(^p|P)ersonId$/.test(key) && ids.has(value as string))
    ? [{ path, fields: Object.fromEntries(own) }]
    : [];
  return [...about, ...Object.entries(fields).flatMap(([key, value]) => partsAbout(value, ids, `${path}.${key}`))];
}

type HeldCase = ReturnType<AuditTrailQuery['casesOf']>[number];

/**
 * The cases of a report as the person holds them now. The trail knows each case's people as its
 * referral named them; a split since may have moved a case to someone else (it is then theirs,
 * and this person is at most named in it) or to this person from someone else. Before the person
 * index is built, the trail's roles stand.
 */
function casesNow(named: readonly HeldCase[], now: HeldNow | undefined): HeldCase[] {
  if (now === undefined) return [...named];
  const held: HeldCase[] = [...now.about].map(([caseId, panel]) => ({ caseId, panel, role: 'subject' }));
  for (const c of named) {
    if (now.about.has(c.caseId)) continue;
    // Named in it by someone else's referral, or as its perpetrator: still named. Its subject once, moved away: not theirs.
    if (c.role === 'named' || now.namedOn.has(c.caseId)) held.push({ ...c, role: 'named' });
  }
  return held.sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0));
}

/**
 * What is held about one person, under every id they are known by: their person and identity
 * records (registrations, links, match reviews, merges, splits), the full history of every case
 * about them, the events about them in cases that only name them (flagged for manual review), and
 * the reads and disclosure decisions whose subject they are.
 */
@Injectable()
export class SubjectAccessService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly trail: AuditTrailQuery,
  ) {}

  async report(personId: string, generatedAt: string, redact: boolean): Promise<SubjectAccessReport> {
    const personIds = this.trail.knownIds(personId);
    const ids = new Set(personIds);
    const items = this.all(personId);
    const personEvents = await this.personEvents(items, ids);
    const cases = casesNow(this.trail.casesOf(personIds), this.trail.casesHeldNow(personId));
    if (personEvents.length === 0 && cases.length === 0) throw notFound('person-exists', `no person ${personId}`);
    const caseHistories: SubjectAccessReport['cases'][number][] = [];
    for (const { caseId, panel, role } of cases) {
      const events = await this.store.readStream(`case-${caseId}`);
      caseHistories.push(
        role === 'subject'
          ? { caseId, panel, role, events: events.map(asHeld) }
          : {
              caseId,
              panel,
              role,
              manualReviewRequired: true,
              reason: NAMED_ONLY,
              events: events
                .filter((event) => namesAny(event.data, ids))
                .map((event) => ({ ...heldBy(event), about: partsAbout(event.data, ids) })),
            },
      );
    }
    // A read or disclosure of a case is about the case's subject, one of no case about everyone it
    // names (both people of a match review); one about someone else is theirs, not this person's.
    const theirs = (item: TrailItem) =>
      item.caseIds.length === 0
        ? item.personIds.some((id) => ids.has(id))
        : item.personId !== undefined && ids.has(item.personId);
    const reads = items.filter((item) => item.kind === 'read' && READ_ACTIONS.includes(item.action) && theirs(item));
    const disclosures = [];
    for (const item of items) {
      if (!(DISCLOSURE_ACTIONS as readonly string[]).includes(item.action) || !theirs(item)) continue;
      disclosures.push({ ...item, data: (await this.eventOf(item))?.data ?? null });
    }
    const report: SubjectAccessReport = {
      personId,
      personIds,
      generatedAt,
      maracRedacted: redact,
      person: { events: personEvents },
      cases: caseHistories,
      reads,
      disclosures,
      manualReview: [],
    };
    if (!redact) return report;
    const maracCases = new Set(cases.filter((c) => c.panel?.toUpperCase() === 'MARAC').map((c) => c.caseId));
    const otherPanels = this.trail.panelsOf([...new Set([...reads, ...disclosures].flatMap((i) => i.caseIds))]);
    for (const [caseId, panel] of otherPanels) if (panel.toUpperCase() === 'MARAC') maracCases.add(caseId);
    const { person, cases: held, reads: read, disclosures: decided } = report;
    const content = redactMarac({ person, cases: held, reads: read, disclosures: decided }, maracCases) as Pick<
      SubjectAccessReport,
      'person' | 'cases' | 'reads' | 'disclosures'
    >;
    return { ...report, ...content, manualReview: freeTextToReview(content, FREE_TEXT_MAY_REFER_TO_MARAC) };
  }

  /** Their person streams under every id, and identity events (links, matches, splits) naming them. */
  private async personEvents(items: readonly TrailItem[], ids: ReadonlySet<string>): Promise<HeldEvent[]> {
    const events: HeldEvent[] = [];
    for (const item of items) {
      const own = item.stream.startsWith(PERSON_STREAM) && ids.has(item.stream.slice(PERSON_STREAM.length));
      if (!own && !IDENTITY_STREAMS.some((prefix) => item.stream.startsWith(prefix))) continue;
      const event = await this.eventOf(item);
      if (event !== undefined && (own || namesAny(event.data, ids))) events.push(asHeld(event));
    }
    return events;
  }

  private async eventOf(item: TrailItem): Promise<RecordedEvent | undefined> {
    const [event] = await this.store.readStream(item.stream, { from: BigInt(item.revision), maxCount: 1 });
    return event;
  }

  /** Every trail entry concerning the person (under any of their ids), in log order. */
  private all(personId: string): TrailItem[] {
    const items: TrailItem[] = [];
    let after: bigint | undefined;
    for (;;) {
      const page = this.trail.page({ personId, limit: PAGE, ...(after === undefined ? {} : { after }) });
      items.push(...page.items);
      if (page.next === undefined) return items;
      after = BigInt(page.next);
    }
  }
}
