import { Logger, Module, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../../event-store/src/port/event-store';
import { BUILT_IN_MATCHING_MODEL } from '../../identity/src/config/configured-matching-model';
import { PersonIndexQuery } from '../../identity/src/application/person-index.query';
import { OtherPanelsQuery } from '../../identity/src/published/other-panels';
import { APP_CONFIG, type AppConfig } from '../../platform/src/config/app-config';
import { ReadinessComponents } from '../../platform/src/health/readiness-components';
import { ExecuteCaseCommandHandler } from './application/case-command';
import { PANEL_REGISTRY, panelRegistryProvider } from './application/configured-panel-registry';
import { MakeReferralHandler } from './application/make-referral.handler';
import { ResolutionClock } from './application/person-resolution/abandoned-claims';
import { MatchingPersonResolver } from './application/person-resolution/matching-person-resolver';
import { isIndexFedFromLog, MatcherWarmUp, NOTHING_TO_READ } from './application/person-resolution/matcher-warm-up';
import { PERSON_RESOLVER, type PersonResolver } from './application/person-resolution/person-resolver';
import { AllianceCaseWorkController } from './http/alliance-case-work.controller';
import { CaseWorkController } from './http/case-work.controller';
import { CasesController } from './http/cases.controller';
import { MeetingsController } from './http/meetings.controller';
import { PerpetratorIdentifiersController } from './http/perpetrator-identifiers.controller';
import { CohortController } from './projections/cohort.controller';
import { CohortService } from './projections/cohort.service';
import { ReferralsController } from './http/referrals.controller';

@Module({
  controllers: [
    ReferralsController,
    CasesController,
    CaseWorkController,
    AllianceCaseWorkController,
    PerpetratorIdentifiersController,
    MeetingsController,
    CohortController,
  ],
  providers: [
    MakeReferralHandler,
    ExecuteCaseCommandHandler,
    CohortService,
    PersonIndexQuery,
    OtherPanelsQuery,
    panelRegistryProvider,
    ResolutionClock,
    {
      provide: PERSON_RESOLVER,
      inject: [EVENT_STORE, ResolutionClock, APP_CONFIG],
      useFactory: (store: EventStore, clock: ResolutionClock, config: AppConfig) => {
        const configured = config.matchingModel ?? BUILT_IN_MATCHING_MODEL;
        const { id, version, model } = configured;
        new Logger('PersonResolution').log(
          `matching model ${id} version ${version}: link >= ${model.linkThreshold} bits, review >= ${model.reviewThreshold} bits`,
        );
        // Links and proposals record this id and version as the model that scored them.
        return new MatchingPersonResolver(store, clock, configured);
      },
    },
    {
      provide: MatcherWarmUp,
      inject: [PERSON_RESOLVER, APP_CONFIG, { token: ReadinessComponents, optional: true }],
      useFactory: (people: PersonResolver, config: AppConfig, components?: ReadinessComponents) => {
        const index = isIndexFedFromLog(people) ? people : NOTHING_TO_READ;
        // Referrals wait for it as long as a read waits for its own writes, then answer 503.
        const warmUp = new MatcherWarmUp(index, config.readYourWritesTimeoutMs, new Logger('PersonResolution'));
        if (index !== NOTHING_TO_READ) components?.add(warmUp);
        return warmUp;
      },
    },
  ],
  exports: [PANEL_REGISTRY],
})
export class CaseLifecycleModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(private readonly matcher: MatcherWarmUp) {}

  /** Not awaited: the process answers (`/health`, `/ready`, other commands) while the matcher reads the log. */
  onApplicationBootstrap(): void {
    this.matcher.start();
  }

  /** Before the platform closes the event store: the matcher may be reading a page. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.matcher.stop();
  }
}
