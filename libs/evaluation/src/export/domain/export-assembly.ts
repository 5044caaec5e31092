import { eventAttributes } from './event-attributes';
import type { ExportRecord } from './export-columns';
import { personAttributes } from './person-attributes';

/** The part of a recorded event the export reads. */
export interface SourceEvent {
  readonly stream: string;
  readonly type: string;
  readonly data: unknown;
  readonly position: bigint;
  readonly occurredAt: string;
  readonly actorAgency: string | undefined;
}

export interface ExportSelection {
  /** Inclusive, YYYY-MM-DD, compared with the UTC date of `occurredAt`. */
  readonly from: string;
  readonly to: string;
  readonly panels: readonly string[];
  readonly coarsenDatesToMonth: boolean;
  /** Keyed pseudonym of an id; the key is the caller's, so this stays pure. */
  readonly pseudonym: (kind: 'case' | 'person' | 'meeting' | 'item', id: string) => string;
}

interface Pending {
  readonly position: bigint;
  readonly record: ExportRecord;
  /** Person events wait until the end: only people on a selected panel's case are exported. */
  readonly personId?: string;
}

type Data = Record<string, unknown>;
const asData = (value: unknown): Data => (typeof value === 'object' && value !== null ? (value as Data) : {});
const idAfter = (prefix: string, stream: string): string | undefined =>
  stream.startsWith(prefix) && stream.length > prefix.length ? stream.slice(prefix.length) : undefined;

/**
 * Folds the log, in order, into pseudonymised records: case and meeting events of the selected
 * panels within the period, and the details of the people those cases are about. Pure: ids become
 * pseudonyms through the given function, identifiers are never copied.
 */
export class ExportAssembly {
  private readonly panels: ReadonlySet<string>;
  private readonly casePanel = new Map<string, string>();
  private readonly meetingPanel = new Map<string, string>();
  private readonly linkedPeople = new Set<string>();
  private readonly pending: Pending[] = [];

  constructor(private readonly selection: ExportSelection) {
    this.panels = new Set(selection.panels.map((p) => p.toUpperCase()));
  }

  add(event: SourceEvent): void {
    const data = asData(event.data);
    const caseId = idAfter('case-', event.stream);
    if (caseId !== undefined) return this.addCaseEvent(caseId, event, data);
    const meetingId = idAfter('meeting-', event.stream);
    if (meetingId !== undefined) return this.addMeetingEvent(meetingId, event, data);
    const personId = idAfter('person-', event.stream);
    if (personId !== undefined) return this.addPersonEvent(personId, event, data);
    // Any other stream (audit, person keys, imports ...) is not part of a statistical export.
  }

  /** The records in log order, numbered from 1. */
  finish(): ExportRecord[] {
    return this.pending
      .filter((p) => p.personId === undefined || this.linkedPeople.has(p.personId))
      .sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0))
      .map((p, index) => ({ seq: index + 1, ...p.record }));
  }

  private addCaseEvent(caseId: string, event: SourceEvent, data: Data): void {
    if (event.type === 'referral-made' && typeof data.panelCode === 'string') {
      this.casePanel.set(caseId, data.panelCode.toUpperCase());
    }
    const panel = this.casePanel.get(caseId);
    if (panel === undefined || !this.panels.has(panel)) return;
    if (event.type === 'referral-made') {
      // Links hold whatever the period: a case referred earlier still makes its person relevant.
      if (typeof data.personId === 'string') this.linkedPeople.add(data.personId);
      const perpetrator = asData(asData(data.details).perpetrator).personId;
      if (typeof perpetrator === 'string') this.linkedPeople.add(perpetrator);
    }
    if (!this.inPeriod(event.occurredAt)) return;
    const personId = typeof data.personId === 'string' ? data.personId : undefined;
    this.push(event, panel, {
      case: this.selection.pseudonym('case', caseId),
      ...(personId === undefined ? {} : { person: this.selection.pseudonym('person', personId) }),
      ...eventAttributes(event.type, data, this.attributeContext()),
    });
  }

  private addMeetingEvent(meetingId: string, event: SourceEvent, data: Data): void {
    if (event.type === 'meeting-scheduled' && typeof data.panelCode === 'string') {
      this.meetingPanel.set(meetingId, data.panelCode.toUpperCase());
    }
    const panel = this.meetingPanel.get(meetingId);
    if (panel === undefined || !this.panels.has(panel) || !this.inPeriod(event.occurredAt)) return;
    this.push(event, panel, {
      meeting: this.selection.pseudonym('meeting', meetingId),
      ...eventAttributes(event.type, data, this.attributeContext()),
    });
  }

  private addPersonEvent(personId: string, event: SourceEvent, data: Data): void {
    if (!this.inPeriod(event.occurredAt)) return;
    const details =
      event.type === 'person-registered'
        ? asData(data.details)
        : event.type === 'person-details-recorded'
          ? asData(data.changes)
          : {};
    this.pending.push({
      position: event.position,
      personId,
      record: {
        ...this.common(event, null),
        person: this.selection.pseudonym('person', personId),
        ...personAttributes(details, event.occurredAt),
      },
    });
  }

  private push(event: SourceEvent, panel: string, attributes: ExportRecord): void {
    this.pending.push({ position: event.position, record: { ...this.common(event, panel), ...attributes } });
  }

  private common(event: SourceEvent, panel: string | null): ExportRecord {
    return {
      event_type: event.type,
      occurred_at: this.date(event.occurredAt),
      panel,
      recorded_by_agency: event.actorAgency ?? null,
    };
  }

  private inPeriod(occurredAt: string): boolean {
    const day = occurredAt.slice(0, 10);
    return day >= this.selection.from && day <= this.selection.to;
  }

  private date(value: string): string {
    return this.selection.coarsenDatesToMonth ? value.slice(0, 7) : value;
  }

  private attributeContext() {
    return { pseudonym: this.selection.pseudonym, date: (value: string) => this.date(value) };
  }
}
