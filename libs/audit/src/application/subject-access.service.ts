import { Inject, Injectable } from '@nestjs/common';
import { notFound } from '../../../command-handling/src/rejections';
import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import { EVENT_STORE, type EventStore } from '../../../event-store/src/port/event-store';
import { AuditTrailQuery, type TrailItem } from '../projections/audit-trail.query';
import { redactMarac } from './marac-redaction';

/** Disclosure decisions the information-sharing context records; their data names personId/caseId. */
export const DISCLOSURE_ACTIONS = ['information-shared', 'information-withheld'] as const;
const READ_ACTIONS = ['case-viewed', 'person-viewed', 'search', 'export', 'report-run'];
const PAGE = 1000;

const asHeld = (event: RecordedEvent) => ({
  position: event.position.toString(),
  type: event.type,
  stream: event.stream,
  revision: Number(event.revision),
  data: event.data,
  recordedAt: event.metadata.recordedAt,
  occurredAt: event.metadata.occurredAt,
  recordedBy: { id: event.metadata.actor.id, name: event.metadata.actor.name, agency: event.metadata.actor.agency },
});

export interface SubjectAccessReport {
  readonly personId: string;
  readonly generatedAt: string;
  readonly maracRedacted: boolean;
  readonly person: { readonly events: readonly ReturnType<typeof asHeld>[] };
  readonly cases: readonly { caseId: string; panel: string | null; events: ReturnType<typeof asHeld>[] }[];
  readonly reads: readonly TrailItem[];
  readonly disclosures: readonly (TrailItem & { data: unknown })[];
}

/**
 * Everything held about one person: their person record, every case they appear in with its full
 * history, every recorded read of them, and every disclosure decision about them.
 */
@Injectable()
export class SubjectAccessService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly trail: AuditTrailQuery,
  ) {}

  async report(personId: string, generatedAt: string, redact: boolean): Promise<SubjectAccessReport> {
    const personEvents = await this.store.readStream(`person-${personId}`);
    const cases = this.trail.casesOf(personId);
    if (personEvents.length === 0 && cases.length === 0) throw notFound('person-exists', `no person ${personId}`);
    const caseHistories = [];
    for (const { caseId, panel } of cases) {
      const events = await this.store.readStream(`case-${caseId}`);
      caseHistories.push({ caseId, panel, events: events.map(asHeld) });
    }
    const reads = this.all(personId, READ_ACTIONS);
    const disclosures = [];
    for (const item of this.all(personId, DISCLOSURE_ACTIONS)) {
      const [event] = await this.store.readStream(item.stream, { from: BigInt(item.revision), maxCount: 1 });
      disclosures.push({ ...item, data: event?.data ?? null });
    }
    const report: SubjectAccessReport = {
      personId,
      generatedAt,
      maracRedacted: redact,
      person: { events: personEvents.map(asHeld) },
      cases: caseHistories,
      reads,
      disclosures,
    };
    if (!redact) return report;
    const maracCases = new Set(cases.filter((c) => c.panel?.toUpperCase() === 'MARAC').map((c) => c.caseId));
    const otherPanels = this.trail.panelsOf([...new Set([...reads, ...disclosures].flatMap((i) => i.caseIds))]);
    for (const [caseId, panel] of otherPanels) if (panel.toUpperCase() === 'MARAC') maracCases.add(caseId);
    return redactMarac(report, maracCases) as SubjectAccessReport;
  }

  private all(personId: string, actions: readonly string[]): TrailItem[] {
    const items: TrailItem[] = [];
    let after: bigint | undefined;
    for (;;) {
      const page = this.trail.page({ personId, actions, limit: PAGE, ...(after === undefined ? {} : { after }) });
      items.push(...page.items);
      if (page.next === undefined) return items;
      after = BigInt(page.next);
    }
  }
}
