import { ukDay } from '../../../../case-lifecycle/src/domain/calendar';
import { ClaimedRecords, type ReferralMarks, type WrittenIn } from './claimed-records';
import { eventAttributes } from './event-attributes';
import type { ExportRecord } from './export-columns';
import { PeopleAtExport, type RecordedPerson } from './people-at-export';
import { personAttributes } from './person-attributes';

/**
 * The part of a recorded event the export reads; its request (`correlationId`, `recordedAt`) and the
 * perpetrator's record a referral names tell which records a referral claimed.
 */
export interface SourceEvent extends ReferralMarks {
  readonly stream: string;
  readonly type: string;
  readonly data: unknown;
  readonly position: bigint;
  readonly occurredAt: string;
  readonly actorAgency: string | undefined;
}

export interface ExportSelection {
  /** Inclusive, YYYY-MM-DD, compared with the UK calendar date of `occurredAt`, as the reports are. */
  readonly from: string;
  readonly to: string;
  readonly panels: readonly string[];
  readonly coarsenDatesToMonth: boolean;
  /**
   * The panels whose people's whereabouts stay with them (the registry's `protectsResidence`):
   * their subjects and the perpetrators they name get no postcode district.
   */
  readonly residenceProtectingPanels: ReadonlySet<string>;
  /** Keyed pseudonym of an id; the key is the caller's, so this stays pure. */
  readonly pseudonym: (kind: 'case' | 'person' | 'meeting' | 'item', id: string) => string;
}

interface Pending {
  readonly position: bigint;
  readonly record: ExportRecord;
  /**
   * Whom the record is about, pseudonymised only at the end: a reviewer's decision later in the
   * log may still make two people one, or one two.
   */
  readonly person?: RecordedPerson;
  readonly otherPerson?: RecordedPerson;
  /** Person events wait until the end: only people on a selected panel's case are exported. */
  readonly personEvent?: true;
  /** The registration record a person event is about (its person's id): unclaimed, it gives no district. */
  readonly registration?: string;
}

type Data = Record<string, unknown>;

const COHORT_BATCH_IMPORTED = 'iom-cohort-batch-imported';

function withoutDistrict(record: ExportRecord): ExportRecord {
  const { postcode_district: _district, ...rest } = record;
  return rest;
}
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
  private readonly linkedPeople: RecordedPerson[] = [];
  /** Subjects and named perpetrators of cases of panels that protect residence, whichever panels are exported. */
  private readonly residenceProtected: RecordedPerson[] = [];
  private readonly people = new PeopleAtExport();
  private readonly claims = new ClaimedRecords();
  /** Where each registration record was written, for {@link ClaimedRecords}. */
  private readonly registrations = new Map<string, WrittenIn>();
  private readonly pending: Pending[] = [];

  private readonly protecting: ReadonlySet<string>;

  constructor(private readonly selection: ExportSelection) {
    this.panels = new Set(selection.panels.map((p) => p.toUpperCase()));
    this.protecting = new Set([...selection.residenceProtectingPanels].map((p) => p.toUpperCase()));
  }

  add(event: SourceEvent): void {
    const data = asData(event.data);
    const caseId = idAfter('case-', event.stream);
    if (caseId !== undefined) return this.addCaseEvent(caseId, event, data);
    const meetingId = idAfter('meeting-', event.stream);
    if (meetingId !== undefined) return this.addMeetingEvent(meetingId, event, data);
    const personId = idAfter('person-', event.stream);
    if (personId !== undefined) return this.addPersonEvent(personId, event, data);
    if (event.type === 'person-record-details-recorded') return this.addRecordDetails(event, data);
    if (event.type === COHORT_BATCH_IMPORTED) this.claims.cohortBatch(data, event.correlationId);
    // Identity decisions say who is one person; they are read, never exported. Any other stream
    // (audit, person keys, imports ...) is not part of a statistical export.
    this.people.add(event);
  }

  /**
   * The records in log order, numbered from 1, each about the person the whole log now knows:
   * ids confirmed as one person share one pseudonym, and a person's details are exported when
   * that person is on a selected case under any of their ids.
   */
  finish(): ExportRecord[] {
    const pseudonym = (recorded: RecordedPerson): string =>
      this.selection.pseudonym('person', this.people.now(recorded));
    const linked = new Set(this.linkedPeople.map(this.people.now));
    const withheld = new Set(this.residenceProtected.map(this.people.now));
    return this.pending
      .filter((p) => p.personEvent === undefined || (p.person !== undefined && linked.has(this.people.now(p.person))))
      .sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0))
      .map((p, index) => ({
        seq: index + 1,
        ...((p.person !== undefined && withheld.has(this.people.now(p.person))) || this.unclaimed(p.registration)
          ? withoutDistrict(p.record)
          : p.record),
        ...(p.person === undefined ? {} : { person: pseudonym(p.person) }),
        ...(p.otherPerson === undefined ? {} : { other_person: pseudonym(p.otherPerson) }),
      }));
  }

  /**
   * A registration no referral claimed, the person view's rule: its residence is shown to no panel
   * (a MARAC attempt that failed after writing her, her only case IOM's), nor its district here.
   */
  private unclaimed(registration: string | undefined): boolean {
    if (registration === undefined) return false;
    const written = this.registrations.get(registration);
    return written === undefined || !this.claims.claimsRegistration(registration, written);
  }

  private addCaseEvent(caseId: string, event: SourceEvent, data: Data): void {
    const subject = typeof data.personId === 'string' ? { caseId, personId: data.personId } : undefined;
    if (event.type === 'referral-made') {
      this.claims.referral(data, event);
      if (typeof data.panelCode === 'string') this.casePanel.set(caseId, data.panelCode.toUpperCase());
      // Every case, so that a later merge or split finds it whichever panels are exported.
      if (subject !== undefined) this.people.caseReferred(caseId, subject.personId);
    }
    const perpetrator = asData(asData(data.details).perpetrator).personId;
    if (event.type === 'referral-made' && this.protectsResidence(this.casePanel.get(caseId))) {
      // Whatever the panels exported: a MARAC victim's (or a MASE child's) district is their
      // address to anyone without a need to know, and a perpetrator's often is too.
      if (subject !== undefined) this.residenceProtected.push(subject);
      if (typeof perpetrator === 'string') this.residenceProtected.push({ personId: perpetrator });
    }
    const panel = this.casePanel.get(caseId);
    if (panel === undefined || !this.panels.has(panel)) return;
    const otherPerson =
      event.type === 'referral-made' && typeof perpetrator === 'string' ? { personId: perpetrator } : undefined;
    if (event.type === 'referral-made') {
      // Links hold whatever the period: a case referred earlier still makes its person relevant.
      if (subject !== undefined) this.linkedPeople.push(subject);
      if (otherPerson !== undefined) this.linkedPeople.push(otherPerson);
    }
    if (!this.inPeriod(event.occurredAt)) return;
    this.push(event, panel, { case: this.selection.pseudonym('case', caseId) }, data, {
      ...(subject === undefined ? {} : { person: subject }),
      ...(otherPerson === undefined ? {} : { otherPerson }),
    });
  }

  private protectsResidence(panel: string | undefined): boolean {
    return panel !== undefined && this.protecting.has(panel);
  }

  private addMeetingEvent(meetingId: string, event: SourceEvent, data: Data): void {
    if (event.type === 'meeting-scheduled' && typeof data.panelCode === 'string') {
      this.meetingPanel.set(meetingId, data.panelCode.toUpperCase());
    }
    const panel = this.meetingPanel.get(meetingId);
    if (panel === undefined || !this.panels.has(panel) || !this.inPeriod(event.occurredAt)) return;
    this.push(event, panel, { meeting: this.selection.pseudonym('meeting', meetingId) }, data);
  }

  private addPersonEvent(personId: string, event: SourceEvent, data: Data): void {
    if (event.type === 'person-registered' && !this.registrations.has(personId))
      this.registrations.set(personId, { correlationId: event.correlationId, recordedAt: event.recordedAt });
    // Details given through a case (a referral's disability and language, a correction) are that
    // case's panel's, on the registration as on a linked record (`addRecordDetails`): which panel
    // happened to register the person first must not decide whether an IOM-only export gets MARAC's.
    const source =
      event.type === 'person-details-recorded' && typeof data.source === 'string' ? data.source : undefined;
    const panel = source === undefined ? null : (this.casePanel.get(source) ?? null);
    if (source !== undefined && (panel === null || !this.panels.has(panel))) return;
    if (!this.inPeriod(event.occurredAt)) return;
    const details =
      event.type === 'person-registered'
        ? asData(data.details)
        : event.type === 'person-details-recorded'
          ? asData(data.changes)
          : {};
    this.pending.push({
      position: event.position,
      person: { personId },
      personEvent: true,
      registration: personId,
      record: {
        ...this.common(event, panel),
        ...personAttributes(details, event.occurredAt, event.type === 'person-registered'),
      },
    });
  }

  /**
   * Details recorded through a case onto a record its panel's referral linked (a MARAC victim IOM
   * registered first): exported as that case's panel's, so only when that panel is exported. An
   * IOM-only export gets no MARAC-recorded disability, nor a sign that MARAC knows her.
   */
  private addRecordDetails(event: SourceEvent, data: Data): void {
    const source = typeof data.source === 'string' ? data.source : undefined;
    const personId = typeof data.personId === 'string' ? data.personId : undefined;
    const panel = source === undefined ? undefined : this.casePanel.get(source);
    if (source === undefined || personId === undefined || panel === undefined || !this.panels.has(panel)) return;
    if (!this.inPeriod(event.occurredAt)) return;
    this.pending.push({
      position: event.position,
      // Whom the case is about now: the details follow the case and its record through a split.
      person: { caseId: source, personId },
      personEvent: true,
      record: { ...this.common(event, panel), ...personAttributes(asData(data.changes), event.occurredAt, false) },
    });
  }

  private push(
    event: SourceEvent,
    panel: string,
    ids: ExportRecord,
    data: Data,
    people: Pick<Pending, 'person' | 'otherPerson'> = {},
  ): void {
    const attributes = eventAttributes(event.type, data, this.attributeContext());
    this.pending.push({
      position: event.position,
      record: { ...this.common(event, panel), ...ids, ...attributes },
      ...people,
    });
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
    const day = ukDay(occurredAt);
    return day !== undefined && day >= this.selection.from && day <= this.selection.to;
  }

  /** A month is the UK month the reports count the event in: 23:30Z on 31 July is August. */
  private date(value: string): string {
    return this.selection.coarsenDatesToMonth ? (ukDay(value) ?? value).slice(0, 7) : value;
  }

  private attributeContext() {
    return { pseudonym: this.selection.pseudonym, date: (value: string) => this.date(value) };
  }
}
