import { Inject, Injectable, Optional } from '@nestjs/common';
import type { CommandContext } from '../../../command-handling/src/command-context';
import { handleCommand } from '../../../command-handling/src/handle-command';
import { invalid, notFound } from '../../../command-handling/src/rejections';
import { EVENT_STORE, type EventStore } from '../../../event-store/src/port/event-store';
import type { Principal } from '../../../platform/src/auth/principal';
import { READ_MODEL_PROGRESS, type ReadModelProgress } from '../../../platform/src/http/read-model-progress';
import { ReadModelDatabase } from '../../../read-models/src/read-model-database';
import { loadCase } from '../../../case-lifecycle/src/application/case-command';
import { mayWorkOnPanel } from '../../../case-lifecycle/src/application/panel-access';
import { PersonIndexQuery } from '../../../identity/src/application/person-index.query';
import { cohortProjection } from '../../../case-lifecycle/src/projections/cohort.projection';
import {
  disclosureDecider,
  disclosureStream,
  type DisclosureCommand,
  type DisclosureRecipient,
  type ShareInformation,
  type WithholdInformation,
} from '../domain';
import { SharingAgreements } from './sharing-agreements.service';

/** The subject of a sharing decision as the caller gave it, before access is checked. */
export interface DisclosureInput {
  readonly disclosureId: string;
  readonly toAgency: string;
  readonly toUser: DisclosureRecipient | null;
  readonly personId: string | null;
  readonly caseId: string | null;
  readonly fields: readonly string[];
  readonly purpose: string;
}

export interface DisclosureOutcome {
  readonly disclosureId: string;
  readonly events: readonly string[];
  readonly revision: bigint;
  readonly position: bigint | undefined;
}

const CATCH_UP_MS = 2_000;

/**
 * Records sharing decisions. The discloser must be able to see what they disclose: a case of
 * their own panel (else the same 404 as an unknown case), or a person with a case on one of
 * their panels. The DSA is loaded from its stream and handed to the pure decider.
 */
@Injectable()
export class Disclosures {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly agreements: SharingAgreements,
    private readonly readModels: ReadModelDatabase,
    private readonly people: PersonIndexQuery,
    @Optional() @Inject(READ_MODEL_PROGRESS) private readonly progress?: ReadModelProgress | null,
  ) {}

  async share(
    input: DisclosureInput,
    sharing: Pick<ShareInformation, 'lawfulBasis' | 'dsaId' | 'consent' | 'expiresAt' | 'documents'>,
    principal: Principal,
    context: CommandContext,
  ): Promise<DisclosureOutcome> {
    const subject = await this.subject(input, principal);
    const dsa = await this.agreements.load(sharing.dsaId);
    // The design keeps basis and agreement in the metadata too, so log readers need no data schema.
    const withBasis: CommandContext = {
      ...context,
      extraMetadata: { ...context.extraMetadata, lawfulBasis: sharing.lawfulBasis, dsaId: sharing.dsaId },
    };
    return this.run(
      {
        type: 'share-information',
        ...input,
        ...subject,
        ...sharing,
        fromAgency: principal.agency,
        occurredAt: context.occurredAt,
        dsa,
      },
      withBasis,
    );
  }

  async withhold(
    input: DisclosureInput,
    withholding: Pick<WithholdInformation, 'reason' | 'dsaId' | 'consent'>,
    principal: Principal,
    context: CommandContext,
  ): Promise<DisclosureOutcome> {
    const subject = await this.subject(input, principal);
    return this.run(
      {
        type: 'withhold-information',
        ...input,
        ...subject,
        ...withholding,
        documents: [],
        fromAgency: principal.agency,
        occurredAt: context.occurredAt,
      },
      context,
    );
  }

  revoke(disclosureId: string, reason: string, principal: Principal, context: CommandContext) {
    return this.run(
      {
        type: 'revoke-disclosure',
        reason,
        occurredAt: context.occurredAt,
        byAgency: principal.agency,
        mayRevokeAny: principal.roles.includes('admin'),
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

  /** Who the disclosure is about, checked against what the discloser may see. */
  private async subject(
    input: DisclosureInput,
    principal: Principal,
  ): Promise<{ personId: string | null; caseId: string | null }> {
    if (input.caseId !== null) {
      const current = await loadCase(this.store, input.caseId);
      if (!mayWorkOnPanel(principal, current.panelCode)) throw notFound('case-exists', `no case ${input.caseId}`);
      // After a merge the case is about the surviving person; either id names the same person.
      const personNow = this.people.personOfCase(input.caseId, current.personId);
      if (input.personId !== null && input.personId !== current.personId && input.personId !== personNow)
        throw invalid('personId', 'person-of-case', `case ${input.caseId} is not about person ${input.personId}`);
      return { caseId: input.caseId, personId: personNow };
    }
    if (input.personId === null) return { caseId: null, personId: null };
    if (!(await this.knowsPerson(input.personId, principal)))
      throw notFound('person-exists', `no person ${input.personId}`);
    return { caseId: null, personId: input.personId };
  }

  /**
   * A person is the discloser's to share when one of their panels has (or had) a case for them:
   * through the person index (which follows merges), or the cohort while the index catches up.
   */
  private async knowsPerson(personId: string, principal: Principal): Promise<boolean> {
    const lookUp = (): boolean =>
      (this.people.person(personId)?.cases.some((c) => mayWorkOnPanel(principal, c.panel)) ?? false) ||
      this.readModels
        .statement<string, [string]>(
          cohortProjection.name,
          (t) => `SELECT DISTINCT panel FROM ${t.table('cases')} WHERE person_id = ?`,
        )
        .pluck()
        .all(personId)
        .some((panel) => mayWorkOnPanel(principal, panel));
    if (lookUp()) return true;
    // The cohort may lag a referral made a moment ago: let it catch up with the log once.
    if (this.progress === undefined || this.progress === null) return false;
    await this.progress.waitUntilProcessed(await this.store.headPosition(), CATCH_UP_MS);
    return lookUp();
  }
}
