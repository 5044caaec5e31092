import { Inject, Optional, ServiceUnavailableException } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { handleCommand } from '../../../command-handling/src/handle-command';
import { forbidden, invalid, Rejection, ruleRefused } from '../../../command-handling/src/rejections';
import { WrongExpectedRevisionError } from '../../../event-store/src/port/errors';
import { EVENT_STORE, type EventStore } from '../../../event-store/src/port/event-store';
import {
  ageOnUkDate,
  CASE_RULES,
  checkAgeAtEngagement,
  checkResidenceNamesOneBorough,
  caseStream,
  checkMaracReferralDates,
  createCaseDecider,
  DEFAULT_PANEL_REGISTRY,
  findPanel,
  type CaseDecider,
  type CaseCommand,
  type MakeReferral,
  oneOpenCasePerPerson,
  type PanelDefinition,
  type PanelKind,
  type PanelRegistry,
  PERSON_RULES,
  requireInstant,
  requireReferredByNow,
  type ReferralInput,
  secondOpenCaseRefused,
} from '../domain';
import { iomScoresFrom } from '../http/dto/iom-scores.dto';
import type { MakeReferralDto } from '../http/dto/referral.dto';
import { PANEL_REGISTRY } from './configured-panel-registry';
import { mayWorkOnPanel } from './panel-access';
import { MakeReferralCommand, type ReferralOutcome } from './make-referral.command';
import { MatcherWarmUp } from './person-resolution/matcher-warm-up';
import {
  PERSON_RESOLVER,
  type CaseNaming,
  type PersonResolution,
  type PersonResolver,
  type ReferredPerson,
} from './person-resolution/person-resolver';
import { resolvePerpetrator, type PerpetratorResolution } from './perpetrator-resolution';
import { Turns } from '../../../command-handling/src/turns';
import { recordDetailsThroughCase } from './case-person-record';
import { openCaseOfPerson } from './open-case-of-person';
import { ReferralHistory, type NotedReferral } from './referral-history';
import { referralResolutionContext, RESUME_FAILED_ATTEMPT } from './referral-resolution-context';
import { checkReferredPeople } from './referred-people-check';

const BLOCK_OF_KIND = { marac: 'marac', iom: 'iom', alliance: 'alliance', generic: undefined } as const;
const BLOCKS = ['marac', 'iom', 'alliance'] as const;
/** The referral form allows a MARAC referral before the perpetrator is identified. */
const PERPETRATOR_NOT_KNOWN = 'not-known';
/** Stands in for ids not yet assigned while the rules are checked before any write. */
const PENDING = 'pending';
/** Apart from the victim's stand-in, or the dry run would take them for one person. */
const PENDING_PERPETRATOR = 'pending-perpetrator';
/** Notes lost to referrals of the same person made by other processes, before the conflict is reported. */
const MAX_NOTE_ATTEMPTS = 6;

/** What one referral writes once the people it names are resolved. */
interface Written {
  readonly dto: MakeReferralDto;
  readonly panelCode: string;
  readonly panelKind: PanelKind;
  readonly caseId: string;
  readonly subject: PersonResolution;
  readonly perpetrator: PerpetratorResolution;
  readonly context: MakeReferralCommand['context'];
}

/** Exactly the panel block the panel's kind asks for, and no other. */
function checkPanelBlock(dto: MakeReferralDto, panel: PanelDefinition): void {
  const wanted = BLOCK_OF_KIND[panel.rules.kind];
  for (const block of BLOCKS) {
    if (block === wanted && dto[block] === undefined) {
      throw invalid(block, 'panel-block-required', `a ${panel.code} referral needs the ${block} block`);
    }
    if (block !== wanted && dto[block] !== undefined) {
      throw invalid(block, 'panel-block-mismatch', `the ${block} block does not belong on a ${panel.code} referral`);
    }
  }
}

/** The same name and date of birth twice on one form: the resolver would make them one person. */
const samePersonOnForm = (a: MakeReferralDto['person'], b: MakeReferralDto['person'] | undefined): boolean => {
  if (b === undefined) return false;
  const key = (p: MakeReferralDto['person']) =>
    [p.forenames, p.surname, p.dateOfBirth].map((part) => part.trim().toLowerCase().replace(/\s+/g, ' ')).join('|');
  return key(a) === key(b);
};

/** The details of the person a referral gives that belong on the person's record, not the case. */
const personDetailFields = (dto: MakeReferralDto): string[] =>
  (['disability', 'language'] as const).filter((f) => dto.person[f] !== undefined).map((f) => `person.${f}`);

/** MARAC's own facts on the form, checked before anything is written. */
function checkMaracForm(
  dto: MakeReferralDto,
  panel: PanelDefinition,
  now: string,
  people: Pick<PersonResolver, 'perpetratorCouldBeVictim'>,
): void {
  if (dto.marac === undefined) {
    if (dto.person.safeContactNumber !== undefined) {
      throw invalid(
        'person.safeContactNumber',
        CASE_RULES.maracOnlyField,
        `a safe contact number is held for MARAC victims only, not on a ${panel.code} referral`,
      );
    }
    return;
  }
  const { marac } = dto;
  checkMaracReferralDates(
    {
      referredAt: dto.referredAt,
      incidentAt: marac.incidentAt,
      ...(marac.previousMaracDate === undefined ? {} : { previousMaracDate: marac.previousMaracDate }),
      victimDateOfBirth: dto.person.dateOfBirth,
    },
    now,
  );
  if (samePersonOnForm(dto.person, marac.perpetrator)) {
    throw ruleRefused(
      CASE_RULES.maracPerpetratorNotVictim,
      'the perpetrator has the victim’s own name and date of birth: name the perpetrator',
      'marac.perpetrator',
    );
  }
  // Her record does not exist yet when she is new, so the resolver cannot match against it: its
  // matcher, under its model, is asked about her record alone. A perpetrator it would link to her
  // but whom the form tells apart (another birth date) is resolved apart from her instead.
  if (marac.perpetrator !== undefined && people.perpetratorCouldBeVictim(dto.person, marac.perpetrator)) {
    throw ruleRefused(
      CASE_RULES.maracPerpetratorNotVictim,
      'the perpetrator’s details match the victim’s own (name, and a date of birth or identifier that could be hers): name the perpetrator',
      'marac.perpetrator',
    );
  }
}

/**
 * The child's age on the UK calendar day of the referral, checked against the registry's range
 * before anything is written; the refusal names the date of birth the client sent.
 */
function allianceAge(dto: MakeReferralDto, panel: PanelDefinition): number {
  const referredAt = requireInstant(dto.referredAt, 'referredAt');
  const age = ageOnUkDate(dto.person.dateOfBirth, referredAt);
  if (age === undefined || panel.rules.kind !== 'alliance') {
    throw invalid('person.dateOfBirth', 'iso-date', 'person.dateOfBirth must be a YYYY-MM-DD date');
  }
  return checkAgeAtEngagement(age, panel.rules, 'person.dateOfBirth');
}

/** The residence names one borough when it names a home borough; the refusal names the block's field. */
function allianceResidence(dto: MakeReferralDto, panel: PanelDefinition): void {
  if (dto.alliance === undefined || panel.rules.kind !== 'alliance') return;
  checkResidenceNamesOneBorough(dto.alliance.residence, panel.rules.homeBoroughs, 'alliance.residence');
}

/**
 * His record this referral brought in, for the person index to tag as the panel's: a retried
 * referral's resolution may name one an earlier attempt wrote, outside this request. In metadata
 * because `referral-made` has no field for it (the subject's is `recordId`).
 */
function perpetratorRecordNamed(
  context: MakeReferralCommand['context'],
  perpetrator: PerpetratorResolution,
): Pick<MakeReferralCommand['context'], 'extraMetadata'> {
  const recordId = perpetrator.named ? perpetrator.resolution?.recordId : undefined;
  return recordId === undefined ? {} : { extraMetadata: { ...context.extraMetadata, perpetratorRecordId: recordId } };
}

@CommandHandler(MakeReferralCommand)
export class MakeReferralHandler implements ICommandHandler<MakeReferralCommand, ReferralOutcome> {
  private readonly history: ReferralHistory;
  private readonly caseDecider: CaseDecider;
  // Referrals of one person take turns (see Turns): each is judged on the ones written before it.
  private readonly turns = new Turns();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PERSON_RESOLVER) private readonly people: PersonResolver,
    @Inject(PANEL_REGISTRY) private readonly registry: PanelRegistry = DEFAULT_PANEL_REGISTRY,
    /** Absent where the resolver is handed over ready (specs): nothing to wait for. */
    @Optional() @Inject(MatcherWarmUp) private readonly matcher?: MatcherWarmUp,
  ) {
    this.history = new ReferralHistory(store);
    this.caseDecider = createCaseDecider(registry);
  }

  async execute({ referral: dto, principal, context }: MakeReferralCommand): Promise<ReferralOutcome> {
    const panel = findPanel(this.registry, dto.panel.toUpperCase());
    if (panel === undefined) throw invalid('panel', 'known-panel', `no panel ${dto.panel} in the registry`);
    if (!mayWorkOnPanel(principal, panel.code)) {
      throw forbidden('panel-membership', `you are not a coordinator or practitioner of ${panel.code}`);
    }
    checkPanelBlock(dto, panel);
    checkReferredPeople(dto);
    // The deciders have no clock: a referral dated ahead would hold every later step of the case
    // until its UK day. Imports refer at the time they received the file and are not asked.
    requireReferredByNow(dto.referredAt, context.now, panel.rules.kind);
    checkMaracForm(dto, panel, context.now, this.people);
    if (dto.alliance !== undefined) allianceAge(dto, panel);
    allianceResidence(dto, panel);
    // After the form's own checks (a bad form is a 400 at once), before the first read of the index:
    // a referral waits for the matcher's first read of the log only so long, then 503, nothing written.
    await this.matcher?.awaitWarm();
    // Every rule is checked before anything is written, so a refused referral leaves no trace
    // (no person registered, no key claimed): the pure decider is asked first, on what we can read.
    const knownSubject = await this.people.lookup(dto.person);
    const knownReferrals = knownSubject === undefined ? [] : (await this.historyOf(knownSubject)).referrals;
    const knownPrevious =
      knownSubject === undefined
        ? undefined
        : await this.history.lastReferralTo(knownReferrals, panel.code, dto.referredAt);
    const knownPerpetrator =
      dto.marac?.perpetrator === undefined
        ? undefined
        : await this.knownPerpetrator(dto.marac.perpetrator, knownSubject);
    const caseId = randomUUID();
    this.dryRun(
      this.referralCommand(
        dto,
        panel.code,
        caseId,
        knownSubject ?? PENDING,
        knownPrevious,
        dto.marac?.perpetrator === undefined ? undefined : (knownPerpetrator ?? PENDING_PERPETRATOR),
      ),
      dto,
    );
    // A known person's open case refuses the referral here, before the person's record is touched;
    // a new person has none, and two referrals racing are judged again on the note below.
    await this.refuseSecondOpenCase(panel.rules.kind, panel.code, knownReferrals, context.now);

    const subject = await this.people.resolve(
      dto.person,
      referralResolutionContext(context, dto, 'subject'),
      RESUME_FAILED_ATTEMPT,
    );
    const perpetrator = await resolvePerpetrator(
      this.people,
      dto.marac?.perpetrator,
      subject.personId,
      referralResolutionContext(context, dto, 'perpetrator'),
      RESUME_FAILED_ATTEMPT,
    );

    const written: Written = {
      dto,
      panelCode: panel.code,
      panelKind: panel.rules.kind,
      caseId,
      subject,
      perpetrator,
      context,
    };
    for (let attempt = 0; ; attempt++) {
      const [standsFor = subject.personId] = await this.people.idsStandingFor(subject.personId);
      const outcome = await this.turns.take(standsFor, () => this.writeInTurn(written, attempt));
      if (outcome !== undefined) return outcome;
    }
  }

  /**
   * Notes the referral and opens the case, judged on the person's referrals written before it.
   * Undefined when another process noted one of the person's referrals first: start again.
   */
  private async writeInTurn(
    { dto, panelCode, panelKind, caseId, subject, perpetrator: resolved, context }: Written,
    attempt: number,
  ): Promise<ReferralOutcome | undefined> {
    const { current, referrals, revision } = await this.historyOf(subject.personId);
    // Judged on the notes at the revision the note below expects: a referral noted meanwhile by
    // another process makes the note fail, and the next attempt sees it (open, or being opened).
    await this.refuseSecondOpenCase(panelKind, panelCode, referrals, context.now);
    const previous = await this.history.lastReferralTo(referrals, panelCode, dto.referredAt);
    try {
      await this.history.note(current, { caseId, panelCode, referredAt: dto.referredAt }, revision, context);
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError && attempt < MAX_NOTE_ATTEMPTS - 1) return undefined;
      throw error;
    }
    const perpetrator = await this.namedOnHerStream(
      resolved,
      { caseId, panelCode, victimId: subject.personId },
      context,
    );
    const perpetratorId = perpetrator.named ? (perpetrator.resolution?.personId ?? PERPETRATOR_NOT_KNOWN) : undefined;
    const referral = this.referralCommand(dto, panelCode, caseId, subject.personId, previous, perpetratorId);
    const command: MakeReferral = { ...referral, data: { ...referral.data, recordId: subject.recordId ?? null } };
    const result = await handleCommand(this.store, caseStream(caseId), this.caseDecider, command, {
      ...context,
      occurredAt: dto.referredAt,
      ...perpetratorRecordNamed(context, perpetrator),
    });
    let revisionAfter = result.nextExpectedRevision;
    let position = result.position ?? 0n;
    if (dto.alliance !== undefined) {
      const engagement = await handleCommand(
        this.store,
        caseStream(caseId),
        this.caseDecider,
        this.engagementCommand(dto, caseId),
        { ...context, occurredAt: dto.referredAt },
      );
      revisionAfter = engagement.nextExpectedRevision;
      position = engagement.position ?? position;
    }
    // Stream reads inside the person's turn: asked only when the form has details for their record.
    const detailFields = personDetailFields(dto);
    const personDetails =
      detailFields.length > 0
        ? await this.recordPersonDetails(dto, { caseId, panelCode, personId: subject.personId }, context)
        : undefined;
    position = personDetails?.position ?? position;
    const notRecorded = [
      ...(perpetrator.named && perpetrator.resolution === undefined
        ? [{ field: 'marac.perpetrator', rule: CASE_RULES.maracPerpetratorNotVictim }]
        : []),
      ...(personDetails?.recorded === false
        ? detailFields.map((field) => ({ field, rule: PERSON_RULES.recordOfCasePanel }))
        : []),
    ];
    const made = result.newEvents.find((e) => e.type === 'referral-made');
    const details = made?.type === 'referral-made' ? made.data.details : undefined;
    const eligibility = result.newEvents.find((e) => e.type === 'iom-eligibility-evaluated');
    return {
      caseId,
      personId: subject.personId,
      ...(perpetrator.named && perpetrator.resolution !== undefined
        ? { perpetratorPersonId: perpetrator.resolution.personId }
        : {}),
      ...(details?.kind === 'marac' ? { repeat: details.repeat, repeatFrom: details.repeatFrom ?? null } : {}),
      ...(eligibility?.type === 'iom-eligibility-evaluated' ? { eligible: eligibility.data.eligible } : {}),
      ...(notRecorded.length === 0 ? {} : { notRecorded }),
      revision: revisionAfter,
      position,
    };
  }

  /**
   * The perpetrator her case names, once her stream says the case is coming (`beginCaseNaming`), so
   * that no confirmation merges the two unseen while it is written. A merge of the two recorded
   * since he was resolved leaves him unrecorded, as when he resolves to her (`resolvePerpetrator`).
   */
  private async namedOnHerStream(
    perpetrator: PerpetratorResolution,
    named: Pick<CaseNaming, 'caseId' | 'panelCode' | 'victimId'>,
    context: MakeReferralCommand['context'],
  ): Promise<PerpetratorResolution> {
    if (!perpetrator.named || perpetrator.resolution === undefined) return perpetrator;
    const { personId, recordId } = perpetrator.resolution;
    const naming = { ...named, perpetratorId: personId, namedRecordId: recordId ?? personId };
    const begun = await this.people.beginCaseNaming(naming, context);
    return begun === 'one-person' ? { named: true, resolution: undefined } : perpetrator;
  }

  /**
   * The person's referrals under every id that stands for them now, so a victim whose two records
   * were merged is judged on both (the repeat rule), and after a split (restoring or not) each case
   * counts for the person it is about now.
   */
  private async historyOf(personId: string) {
    const cases = await this.people.casesOf(personId);
    // Noted on the stream of the person the id stands for now: a resolver may hand back an id
    // merged away since, and two referrals of one person must meet on one stream's revision.
    const current = cases.ids[0] ?? personId;
    return { current, ...(await this.history.read(current, cases)) };
  }

  /**
   * The person the perpetrator resolves to now, for the dry run. Not the victim, even when the index
   * takes him for her: the form check let him through as someone else, so he is resolved apart from
   * her (`resolvePerpetrator`) and the dry run stands him in as someone new.
   */
  private async knownPerpetrator(named: ReferredPerson, victim: string | undefined): Promise<string | undefined> {
    const seen = await this.people.lookup(named);
    if (seen === undefined || victim === undefined) return seen;
    return (await this.people.idsStandingFor(victim)).includes(seen) ? undefined : seen;
  }

  /** On a panel that keeps one open case per person (IOM), refuses a referral while one is open. */
  private async refuseSecondOpenCase(
    kind: PanelKind,
    panelCode: string,
    referrals: readonly NotedReferral[],
    now: string,
  ): Promise<void> {
    if (!oneOpenCasePerPerson(kind)) return;
    const open = await openCaseOfPerson(this.store, referrals, panelCode, now);
    if (open === undefined) return;
    // A referral noted and not yet written is either another one finishing now (a retry then finds
    // its case, and the 409) or one that died in between, this very request's earlier attempt
    // included, which is set aside after a while: a 409 would name a case that may never exist.
    if (open.beingOpened) {
      throw new ServiceUnavailableException({
        message: `another ${panelCode} referral of this person is being recorded; nothing was recorded, retry shortly`,
        rule: 'referral-being-recorded',
      });
    }
    throw secondOpenCaseRefused(panelCode, open.caseId);
  }

  private referralCommand(
    dto: MakeReferralDto,
    panelCode: string,
    caseId: string,
    personId: string,
    previous: string | undefined,
    perpetratorPersonId: string | undefined,
  ): MakeReferral {
    return {
      type: 'make-referral',
      data: {
        caseId,
        occurredAt: dto.referredAt,
        panelCode,
        personId,
        referrer: { ...dto.referrer },
        reason: dto.reason,
        details: this.details(dto, perpetratorPersonId, previous),
      },
    };
  }

  private engagementCommand(dto: MakeReferralDto, caseId: string): CaseCommand {
    const alliance = dto.alliance as NonNullable<MakeReferralDto['alliance']>;
    return {
      type: 'record-alliance-engagement',
      data: {
        caseId,
        occurredAt: dto.referredAt,
        engagementId: randomUUID(),
        custodySuite: alliance.custodySuite,
        ageAtEngagement: ageOnUkDate(dto.person.dateOfBirth, dto.referredAt) ?? Number.NaN,
        residenceBorough: alliance.residence,
        knownToYos: alliance.knownToYos,
      },
    };
  }

  /**
   * Disability and language are the person's, not the referral's: recorded once the case is
   * written (a refused referral leaves no trace), where details recorded through the case go: the
   * person's registration when this panel's referral made it, else the record this referral linked
   * (a MARAC victim IOM registered first: MARAC's record, never IOM's). Not recorded only when the
   * referral brought in no record of its own (a resolver that links without one).
   */
  private async recordPersonDetails(
    dto: MakeReferralDto,
    current: { readonly caseId: string; readonly panelCode: string; readonly personId: string },
    context: MakeReferralCommand['context'],
  ): Promise<{ readonly recorded: boolean; readonly position?: bigint }> {
    const { disability, language } = dto.person;
    const changes = {
      ...(disability === undefined ? {} : { disability }),
      ...(language === undefined ? {} : { language }),
    };
    try {
      const result = await recordDetailsThroughCase(this.store, current, changes, {
        ...context,
        occurredAt: dto.referredAt,
      });
      return { recorded: true, ...(result.position === undefined ? {} : { position: result.position }) };
    } catch (error) {
      if (error instanceof Rejection && error.rule === PERSON_RULES.recordOfCasePanel) return { recorded: false };
      throw error;
    }
  }

  /** Runs the pure decisions on an empty case; throws the same rejection the real append would. */
  private dryRun(command: MakeReferral, dto: MakeReferralDto): void {
    const cases = this.caseDecider;
    const made = cases.decide(command, cases.initialState());
    if (dto.alliance !== undefined) {
      const state = made.reduce(cases.evolve, cases.initialState());
      cases.decide(this.engagementCommand(dto, command.data.caseId), state);
    }
  }

  private details(
    dto: MakeReferralDto,
    perpetratorPersonId: string | undefined,
    previousMaracReferralAt: string | undefined,
  ): ReferralInput {
    if (dto.marac !== undefined) {
      const { marac } = dto;
      return {
        kind: 'marac',
        consent: marac.consent.given
          ? { given: true }
          : { given: false, justification: marac.consent.justification ?? '' },
        perpetrator: {
          personId: perpetratorPersonId ?? PERPETRATOR_NOT_KNOWN,
          relationshipToVictim: marac.relationshipToVictim ?? 'not recorded',
        },
        children: (marac.children ?? []).map((child) => ({
          name: [child.forenames, child.surname].filter((p) => p !== undefined && p !== '').join(' ') || 'not named',
          ...(child.dateOfBirth === undefined ? {} : { dateOfBirth: child.dateOfBirth }),
        })),
        incident: { occurredAt: marac.incidentAt, summary: dto.reason },
        ...(marac.dashScore === undefined ? {} : { dashScore: marac.dashScore }),
        ...(marac.policeCallouts12m === undefined ? {} : { policeCallouts12m: marac.policeCallouts12m }),
        ...(dto.person.safeContactNumber === undefined ? {} : { safeContactNumber: dto.person.safeContactNumber }),
        ...(marac.crimeReference === undefined ? {} : { crimeReference: marac.crimeReference }),
        ...(marac.otherAreaMarac === undefined ? {} : { otherAreaMaracInvolvement: marac.otherAreaMarac }),
        ...(marac.previousMaracDate === undefined ? {} : { previousMaracDateReported: marac.previousMaracDate }),
        criteriaTicked: marac.criteria,
        ...(previousMaracReferralAt === undefined ? {} : { previousMaracReferralAt }),
      };
    }
    if (dto.iom !== undefined) {
      // The DTO has all three or none (none only on the referral form).
      const scores = iomScoresFrom(dto.iom);
      return {
        kind: 'iom',
        route: dto.iom.route,
        ...(scores === undefined ? {} : { scores }),
        statusAtReferral: dto.iom.currentStatus,
      };
    }
    if (dto.alliance !== undefined) return { kind: 'alliance', custodySuite: dto.alliance.custodySuite };
    return { kind: 'generic' };
  }
}
