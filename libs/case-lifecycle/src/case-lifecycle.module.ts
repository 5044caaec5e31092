import { Logger, Module } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../../event-store/src/port/event-store';
import { BUILT_IN_MATCHING_MODEL } from '../../identity/src/config/configured-matching-model';
import { PersonIndexQuery } from '../../identity/src/application/person-index.query';
import { OtherPanelsQuery } from '../../identity/src/published/other-panels';
import { APP_CONFIG, type AppConfig } from '../../platform/src/config/app-config';
import { ExecuteCaseCommandHandler } from './application/case-command';
import { PANEL_REGISTRY, panelRegistryProvider } from './application/configured-panel-registry';
import { MakeReferralHandler } from './application/make-referral.handler';
import { ResolutionClock } from './application/person-resolution/abandoned-claims';
import { MatchingPersonResolver } from './application/person-resolution/matching-person-resolver';
import { PERSON_RESOLVER } from './application/person-resolution/person-resolver';
import { AllianceCaseWorkController } from './http/alliance-case-work.controller';
import { CaseWorkController } from './http/case-work.controller';
import { CasesController } from './http/cases.controller';
import { MeetingsController } from './http/meetings.controller';
import { CohortController } from './projections/cohort.controller';
import { CohortService } from './projections/cohort.service';
import { ReferralsController } from './http/referrals.controller';

@Module({
  controllers: [
    ReferralsController,
    CasesController,
    CaseWorkController,
    AllianceCaseWorkController,
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
  ],
  exports: [PANEL_REGISTRY],
})
export class CaseLifecycleModule {}
