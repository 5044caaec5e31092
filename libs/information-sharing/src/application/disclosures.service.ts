import { Inject, Injectable } from '@nestjs/common';
import type { CommandContext } from '../../../command-handling/src/command-context';
import { handleCommand } from '../../../command-handling/src/handle-command';
import { invalid, notFound } from '../../../command-handling/src/rejections';
import { EVENT_STORE, type EventStore } from '../../../event-store/src/port/event-store';
import type { Principal } from '../../../platform/src/auth/principal';
import { loadCase } from '../../../case-lifecycle/src/application/case-command';
import { mayWorkOnPanel } from '../../../case-lifecycle/src/application/panel-access';
import { PANEL_REGISTRY } from '../../../case-lifecycle/src/application/configured-panel-registry';
import {
  findPanel,
  residenceProtectingPanels,
  type PanelRegistry,
} from '../../../case-lifecycle/src/domain/panel-registry';
import { PersonIndexQuery, type IndexedPerson } from '../../../identity/src/application/person-index.query';
import { ProjectionNotAvailableError } from '../../../read-models/src/read-model-database';
import { recordsBehindDisclosure, recordsBehindFields } from '../../../identity/src/application/person-visibility';
import {
  disclosureDecider,
  disclosureStream,
  evolveDisclosure,
  initialDisclosureState,
  mayKnowOfEntry,
  type DisclosureCommand,
  type DisclosureEvent,
  type DisclosureRecipient,
  type ShareInformation,
  type WithholdInformation,
} from '../domain';
import { SharingAgreements } from './sharing-agreements.service';
import { DisclosureRegister } from './disclosure-register';
import { SubjectReaders } from './subject-readers';
import { panelFirstHeld } from './panel-first-held';

/** The subject of a sharing decision as the caller gave it, before access is checked. */
export interface DisclosureInput {
  readonly disclosureId: string;
  readonly toAgency: string;
  readonly toUser: DisclosureRecipient | null;
  readonly personId: string | null;
  readonly caseId: string | null;
  /** The panel the discloser acts for: required about a person alone, else must be the case's. */
  readonly panel: string | null;
  readonly fields: readonly string[];
  readonly purpose: string;
}

export interface DisclosureOutcome {
  readonly disclosureId: string;
  readonly events: readonly string[];
  readonly revision: bigint;
  readonly position: bigint | undefined;
}

/**
 * Records sharing decisions. The discloser must be able to see what they disclose: a case of
 * their own panel (else the same 404 as an unknown case), or a person with a case on the panel
 * they say they act for, which must be one of theirs. The entry records that panel, because who
 * may know of it follows it. The DSA a decision cites (every share does; a decision not to share
 * may cite none) is loaded from its stream, for a share in the agreement's turn, and handed to the
 * pure decider, with the server clock to refuse a decision dated ahead.
 */
@Injectable()
export class Disclosures {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly agreements: SharingAgreements,
    private readonly people: PersonIndexQuery,
    private readonly subjects: SubjectReaders,
    private readonly register: DisclosureRegister,
    @Inject(PANEL_REGISTRY) private readonly registry: PanelRegistry,
  ) {
    this.protecting = residenceProtectingPanels(registry);
  }

  /** The panels whose people's whereabouts stay with them: a disclosure passes on no address it could not see. */
  private readonly protecting: ReadonlySet<string>;

  async share(
    input: DisclosureInput,
    sharing: Pick<ShareInformation, 'lawfulBasis' | 'dsaId' | 'consent' | 'expiresAt' | 'documents'>,
    principal: Principal,
    context: CommandContext,
  ): Promise<DisclosureOutcome> {
    const subject = await this.subject(input, principal, sharing.documents);
    // The design keeps basis and agreement in the metadata too, so log readers need no data schema.
    const withBasis: CommandContext = {
      ...context,
      extraMetadata: { ...context.extraMetadata, lawfulBasis: sharing.lawfulBasis, dsaId: sharing.dsaId },
    };
    // In the agreement's turn: a change of it waits until this share is written, and reads it.
    return this.agreements.shareUnder(sharing.dsaId, async () =>
      this.run(
        {
          type: 'share-information',
          ...input,
          ...subject,
          ...sharing,
          fromAgency: principal.agency,
          occurredAt: context.occurredAt,
          recordedAt: context.now,
          dsa: await this.agreements.load(sharing.dsaId),
        },
        withBasis,
      ),
    );
  }

  async withhold(
    input: DisclosureInput,
    withholding: Pick<WithholdInformation, 'reason' | 'dsaId' | 'consent'>,
    principal: Principal,
    context: CommandContext,
  ): Promise<DisclosureOutcome> {
    const subject = await this.subject(input, principal, []);
    // A cited agreement must exist and name the would-be recipient: the decider judges it. No
    // change of the agreement can undo that (memberships are ended, never struck out), so a
    // decision not to share takes no turn on the agreement as a share does.
    return this.run(
      {
        type: 'withhold-information',
        ...input,
        ...subject,
        ...withholding,
        documents: [],
        fromAgency: principal.agency,
        occurredAt: context.occurredAt,
        recordedAt: context.now,
        dsa: withholding.dsaId === null ? null : await this.agreements.load(withholding.dsaId),
      },
      context,
    );
  }

  async revoke(disclosureId: string, reason: string, principal: Principal, context: CommandContext) {
    const mayRevokeAny = principal.roles.includes('admin');
    return this.run(
      {
        type: 'revoke-disclosure',
        reason,
        occurredAt: context.occurredAt,
        recordedAt: context.now,
        byAgency: principal.agency,
        knowsOfEntry: mayRevokeAny || (await this.knowsOfEntry(disclosureId, principal)),
        mayRevokeAny,
      },
      context,
      disclosureId,
    );
  }

  private async run(command: DisclosureCommand, context: CommandContext, id?: string): Promise<DisclosureOutcome> {
    const disclosureId = id ?? (command as { disclosureId: string }).disclosureId;
    const result = await handleCommand(this.store, disclosureStream(disclosureId), disclosureDecider, command, context);
    return {
      disclosureId,
      events: result.newEvents.map((e) => e.type),
      revision: result.nextExpectedRevision,
      position: result.position,
    };
  }

  /**
   * Judged on the entry as its events leave it (its case's panel does not change; a person-only
   * entry's panel is the recorded or corrected one), before the decider runs.
   */
  private async knowsOfEntry(disclosureId: string, principal: Principal): Promise<boolean> {
    const events = await this.store.readStream(disclosureStream(disclosureId));
    const recorded = events[0];
    const entry = (events as unknown as DisclosureEvent[]).reduce(evolveDisclosure, initialDisclosureState());
    if (recorded === undefined || !entry.exists) return false;
    // An old, uncorrected person-only entry has no panel in its events: the register's inferred one decides.
    const panel = entry.panel ?? (entry.caseId === null ? (this.register.row(disclosureId)?.panel ?? null) : null);
    const seesSubject = await this.subjects.maySeeNow({ ...entry, panel }, principal);
    // The state keeps no recipient user nor agreement: the recording event names them.
    const [first] = events as unknown as DisclosureEvent[];
    const recording = first?.type === 'information-shared' || first?.type === 'information-withheld' ? first : null;
    return mayKnowOfEntry(
      {
        ...entry,
        toUserId: recording?.data.toUser?.id ?? null,
        recordedById: recorded.metadata.actor.id,
        dsaId: recording?.data.dsaId ?? null,
      },
      { id: principal.id, agency: principal.agency, seesSubject },
    );
  }

  /**
   * An admin's correction of the panel a person-only entry is for. The panel must be in the
   * registry and have (or have had) a case for the person, as when an entry names it: the true
   * panel of an old entry was one of those.
   */
  async correctPanel(disclosureId: string, panel: string, reason: string, context: CommandContext) {
    const named = panel.trim().toUpperCase();
    if (named === '') throw invalid('panel', 'not-blank', 'panel must name a panel, not be blank');
    if (findPanel(this.registry, named) === undefined)
      throw invalid('panel', 'panel-registered', `no panel ${named} in the panel registry`);
    const personId = await this.personOfEntry(disclosureId);
    if (personId !== null && !(await this.subjects.panelKnowsPerson(personId, named)))
      throw invalid('panel', 'panel-has-case-for-person', `${named} has no case for person ${personId}`);
    return this.run(
      { type: 'correct-disclosure-panel', panel: named, reason, occurredAt: context.occurredAt },
      context,
      disclosureId,
    );
  }

  /** The person a person-only entry is about; null for an unknown entry or one about a case (the decider answers). */
  private async personOfEntry(disclosureId: string): Promise<string | null> {
    const [first] = (await this.store.readStream(disclosureStream(disclosureId), {
      maxCount: 1,
    })) as unknown as DisclosureEvent[];
    if (first === undefined || first.type === 'disclosure-revoked' || first.type === 'disclosure-panel-corrected')
      return null;
    return first.data.caseId === null ? first.data.personId : null;
  }

  /** Who the disclosure is about and the panel it is for, checked against what the discloser may see. */
  private async subject(
    input: DisclosureInput,
    principal: Principal,
    documents: readonly string[],
  ): Promise<{
    personId: string | null;
    caseId: string | null;
    /**
     * The referral a decision may not be dated before: the case's, or about a person alone the
     * earliest behind the records it passes on (null when that is not known).
     */
    referredAt: string | null;
    panel: string;
    personRecordIds?: string[];
    recordsBehindFields?: Record<string, string[]>;
  }> {
    const named = input.panel === null ? null : input.panel.trim().toUpperCase();
    if (named === '') throw invalid('panel', 'not-blank', 'panel must name a panel, not be blank');
    if (input.caseId !== null) {
      const current = await loadCase(this.store, input.caseId);
      if (!mayWorkOnPanel(principal, current.panelCode)) throw notFound('case-exists', `no case ${input.caseId}`);
      const panel = current.panelCode.toUpperCase();
      if (named !== null && named !== panel)
        throw invalid('panel', 'panel-of-case', `case ${input.caseId} is a ${panel} case, not ${named}`);
      // After a merge the case is about the surviving person; either id names the same person.
      const personNow = this.people.personOfCase(input.caseId, current.personId);
      if (input.personId !== null && input.personId !== current.personId && input.personId !== personNow)
        throw invalid('personId', 'person-of-case', `case ${input.caseId} is not about person ${input.personId}`);
      return {
        caseId: input.caseId,
        personId: personNow,
        referredAt: current.referredAt,
        panel,
        ...this.recordsBehindFields(personNow, panel, input),
      };
    }
    // Neither named: the decider refuses it as such.
    if (input.personId === null) return { caseId: null, personId: null, referredAt: null, panel: named ?? '' };
    if (named === null)
      throw invalid('panel', 'panel-required', 'name the panel you act for when the disclosure is about a person only');
    if (!mayWorkOnPanel(principal, named))
      throw invalid('panel', 'panel-member', `you do not sit on ${named} as a case worker`);
    if (!(await this.subjects.knowsPerson(input.personId, principal)))
      throw notFound('person-exists', `no person ${input.personId}`);
    if (!(await this.subjects.panelKnowsPerson(input.personId, named)))
      throw invalid('panel', 'panel-has-case-for-person', `${named} has no case for person ${input.personId}`);
    const behind = this.recordsBehind(input, named, documents);
    const person = this.indexed(input.personId);
    return {
      caseId: null,
      personId: input.personId,
      referredAt: person === undefined ? null : panelFirstHeld(person, named),
      panel: named,
      ...behind,
      ...this.recordsBehindFields(input.personId, named, input),
    };
  }

  /**
   * Which records each person field's disclosed value comes from, as `panel` sees the person now
   * (a case's person as the case's panel sees them): the entry opens each field from those records
   * only, on whoever holds them after a split or an undone merge, never from one it did not cover.
   * None while the index does not know the person: the entry then opens only while its person is
   * unchanged (person-visibility's `openedOnPerson`).
   */
  private recordsBehindFields(
    personId: string,
    panel: string,
    input: DisclosureInput,
  ): { recordsBehindFields?: Record<string, string[]> } {
    const person = this.indexed(personId);
    if (person === undefined) return {};
    return { recordsBehindFields: recordsBehindFields(person, panel, input.fields, this.protecting, this.people) };
  }

  /** The person as the index holds them; none while it is not available (a case share does not wait for it). */
  private indexed(personId: string): IndexedPerson | undefined {
    try {
      return this.people.person(personId);
    } catch (error) {
      if (error instanceof ProjectionNotAvailableError) return undefined;
      throw error;
    }
  }

  /**
   * Whose details a disclosure about a person alone passes on, by record: the id names one person
   * now, but made while a wrong merge joined two, it carried both people's details, and the
   * register must list it under each once the merge is undone. None while the index does not know
   * the person (the cohort answered for them): the register then follows the id.
   */
  private recordsBehind(
    input: DisclosureInput,
    panel: string,
    documents: readonly string[],
  ): { personRecordIds?: string[] } {
    const person = input.personId === null ? undefined : this.people.person(input.personId);
    if (person === undefined) return {};
    return {
      personRecordIds: recordsBehindDisclosure(
        person,
        panel,
        { fields: input.fields, documents },
        this.protecting,
        this.people,
      ),
    };
  }
}
