import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../../../event-store/src/port/event-store';
import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import { ReadModelDatabase } from '../../../read-models/src/read-model-database';
import type { Principal } from '../../../platform/src/auth/principal';
import {
  caseStream,
  findPanel,
  residenceProtectingPanels,
  type PanelRegistry,
  type ReferralMade,
} from '../../../case-lifecycle/src/domain';
import { PANEL_REGISTRY } from '../../../case-lifecycle/src/application/configured-panel-registry';
import { PersonIndexQuery } from '../../../identity/src/application/person-index.query';
import { detailsAsDisclosed, disclosedOn, openedOnPerson } from '../../../identity/src/application/person-visibility';
import { cohortProjection } from '../../../case-lifecycle/src/projections/cohort.projection';
import {
  caseAsDisclosed,
  disclosedPersonDetails,
  latestGiving,
  isPersonField,
  MARAC_RESTRICTED_CASE_FIELDS,
  PERSON_FIELDS,
  safeNumberAsShared,
  type RecordOfHers,
} from '../domain';
import type { AlsoKnownToMarker, CaseVisibility } from '../published/case-visibility';
import { DisclosureRegister, type OpenFields } from './disclosure-register';

type ReferralOf = (caseId: string) => Promise<ReferralMade['data'] | undefined>;

/** A case's referral, its stream's first event; undefined for a stream that does not begin with one. */
function referralIn(events: readonly RecordedEvent[]): ReferralMade['data'] | undefined {
  const [first] = events;
  return first?.type === 'referral-made' ? (first.data as ReferralMade['data']) : undefined;
}

/** Case views for readers off the panel (disclosed fields only) and "also known to" markers. */
@Injectable()
export class CaseVisibilityService implements CaseVisibility {
  constructor(
    private readonly register: DisclosureRegister,
    private readonly readModels: ReadModelDatabase,
    private readonly people: PersonIndexQuery,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PANEL_REGISTRY) private readonly registry: PanelRegistry,
  ) {
    this.protecting = residenceProtectingPanels(registry);
  }

  /** The panels whose people's whereabouts stay with them (MARAC, a configured MASE ...). */
  private readonly protecting: ReadonlySet<string>;

  /**
   * Each case field as the case stood when the latest open disclosure giving it was recorded
   * (`caseAsDisclosed`), for entries recorded by any version: every entry has its log position.
   * A MARAC case's safe contact number is her number in force at that position (`safeNumberAsShared`).
   */
  async disclosedView(
    view: Readonly<Record<string, unknown>>,
    principal: Principal,
    now: Date,
    caseAt: (position: bigint) => Readonly<Record<string, unknown>> | undefined,
    caseEvents: readonly RecordedEvent[],
  ) {
    const caseId = String(view.caseId);
    const open = this.register.openOnCase(caseId, principal, now);
    if (open.disclosureIds.length === 0) return undefined;
    const entries = open.byDisclosure.map((entry) => ({
      fields: entry.fields,
      position: BigInt(entry.position),
      occurredAt: entry.occurredAt,
    }));
    const { fields, asDisclosedOn } = caseAsDisclosed(entries, caseAt);
    const shown: Record<string, unknown> = { caseId, ...fields };
    if (MARAC_RESTRICTED_CASE_FIELDS.some((field) => open.fields.has(field))) {
      const referralOf = this.referrals(caseId, caseEvents);
      const referral = await referralOf(caseId);
      if (referral?.details.kind === 'marac') {
        const { details } = referral;
        const herId = typeof view.personId === 'string' ? view.personId : referral.personId;
        for (const field of MARAC_RESTRICTED_CASE_FIELDS) {
          const latest = latestGiving(entries, field);
          if (latest === undefined) continue;
          // Children are named on the referral alone: nothing records them again, so they are as shared.
          shown[field] =
            field === 'children'
              ? details.children
              : safeNumberAsShared(
                  await this.recordsOfHers(herId, referral, referralOf),
                  Number(latest.position),
                  details.safeContactNumber,
                );
          asDisclosedOn[field] = latest.occurredAt;
        }
      }
    }
    if (Object.keys(asDisclosedOn).length > 0) shown.asDisclosedOn = asDisclosedOn;
    const personId = typeof view.personId === 'string' ? view.personId : undefined;
    if (personId !== undefined && [...open.fields].some(isPersonField))
      shown.person = this.personDetails(personId, String(view.panel), open.byDisclosure);
    return { ...shown, access: { via: 'disclosure', disclosureIds: open.disclosureIds } };
  }

  /**
   * Other panels with an open case for the person. The person index follows merges and splits
   * (a case moved to the person counts); the cohort answers while the index has not seen them.
   */
  alsoKnownTo(personId: string, caseId: string, panelCode: string): AlsoKnownToMarker[] {
    const indexed = this.people.person(personId);
    const panels =
      indexed === undefined
        ? this.cohortPanels(personId, caseId, panelCode)
        : [
            ...new Set(
              indexed.cases
                .filter((c) => c.caseId !== caseId && c.panel !== panelCode && this.isOpen(c.caseId, c.open))
                .map((c) => c.panel),
            ),
          ].sort();
    return panels.map((panel) => {
      const contact = findPanel(this.registry, panel)?.contact;
      return { panel, contact: contact === undefined ? null : { role: contact.role, email: contact.email } };
    });
  }

  /** Open as the case lifecycle sees it (an IOM rejection is a declined case), else as the index says. */
  private isOpen(caseId: string, indexSays: boolean): boolean {
    const phase = this.readModels
      .statement<string, [string]>(
        cohortProjection.name,
        (t) => `SELECT phase FROM ${t.table('cases')} WHERE case_id = ?`,
      )
      .pluck()
      .get(caseId);
    return phase === undefined ? indexSays : phase !== 'closed' && phase !== 'declined';
  }

  private cohortPanels(personId: string, caseId: string, panelCode: string): string[] {
    return this.readModels
      .statement<string, [string, string, string]>(
        cohortProjection.name,
        (t) => `SELECT DISTINCT panel FROM ${t.table('cases')}
                WHERE person_id = ? AND case_id <> ? AND panel <> ? AND phase NOT IN ('closed', 'declined')
                ORDER BY panel`,
      )
      .pluck()
      .all(personId, caseId, panelCode);
  }

  /**
   * The referral of each case the view asks about, each read once: the viewed case's from the
   * stream its view was built from, another's (her other referrals) from its first event.
   */
  private referrals(caseId: string, caseEvents: readonly RecordedEvent[]): ReferralOf {
    const read = new Map([[caseId, Promise.resolve(referralIn(caseEvents))]]);
    return (id) => {
      const known = read.get(id);
      if (known !== undefined) return known;
      const reading = this.store.readStream(caseStream(id), { maxCount: 1 }).then(referralIn);
      read.set(id, reading);
      return reading;
    };
  }

  /**
   * The records of the case's subject that can carry her safe contact number: those referrals to
   * the case's panel brought in for the person its referral named, that she holds now. Her number
   * is folded into one at each referral, and details recorded through her case land on one (her
   * registration, or the record her panel's referral linked), which need not be this case's own
   * (a repeat referral's changes go on her first record). Not a record of someone merged into her
   * since: a wrong merge must not give out another woman's number.
   */
  private async recordsOfHers(
    personId: string,
    referral: ReferralMade['data'],
    referralOf: ReferralOf,
  ): Promise<RecordOfHers[]> {
    const records = this.people.person(personId)?.records ?? [];
    const hers: RecordOfHers[] = [];
    for (const record of records) {
      const { sourceCaseId } = record;
      if (sourceCaseId === null || record.sourcePanel !== referral.panelCode) continue;
      if ((await referralOf(sourceCaseId))?.personId !== referral.personId) continue;
      hers.push({
        writtenAt: record.position,
        versionAt: (position) => {
          const then = this.people.asOf(record, position);
          return then === undefined
            ? undefined
            : {
                safeContactNumber: then.details.safeContactNumber,
                since: then.detailsPosition,
                numberRecordedAt: then.fieldsRecordedAt?.safeContactNumber,
              };
        },
      });
    }
    return hers;
  }

  /**
   * The person fields the case's disclosures opened, of the person the case is about, as its panel
   * sees them: a case disclosure acts for the case's panel and passes on no more of her than that
   * panel may see, and each field only from the records its value came from (`openedOnPerson`, as
   * the person view opens them), so an undone merge or a split never shows a value the recipient
   * was not given. Not her person stream: that holds whoever registered her first (a MARAC
   * referral's refuge address, for an IOM case linked to her). Nothing while the person index
   * does not hold her yet.
   */
  private personDetails(personId: string, panel: string, byDisclosure: OpenFields['byDisclosure']) {
    const person = this.people.person(personId);
    if (person === undefined) return {};
    const personFields = byDisclosure.flatMap((disclosure) => {
      const fields = disclosure.fields.filter(isPersonField);
      return fields.length === 0 ? [] : [{ ...disclosure, fields }];
    });
    const opened = openedOnPerson(person, personFields, this.protecting, {
      changedSince: (position) => this.people.changedSince(person, position),
      asOf: (record, position) => this.people.asOf(record, position),
    });
    const shown = disclosedPersonDetails(
      detailsAsDisclosed(person, panel.toUpperCase(), opened, this.protecting, this.people),
      new Set(opened.flatMap((disclosure) => disclosure.fields.filter(isPersonField))),
    );
    // As the person view dates them: when the disclosure giving each field shown was made.
    const asDisclosedOn = disclosedOn(
      person,
      opened,
      PERSON_FIELDS.filter((field) => shown[field === 'name' ? 'forenames' : field] !== undefined),
      this.protecting,
    );
    return Object.keys(asDisclosedOn).length === 0 ? shown : { ...shown, asDisclosedOn };
  }
}
