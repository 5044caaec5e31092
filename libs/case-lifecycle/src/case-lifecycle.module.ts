import { Module } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../../event-store/src/port/event-store';
import { ExecuteCaseCommandHandler } from './application/case-command';
import { MakeReferralHandler } from './application/make-referral.handler';
import { DeterministicPersonResolver } from './application/person-resolution/deterministic-person-resolver';
import { PERSON_RESOLVER } from './application/person-resolution/person-resolver';
import { CaseWorkController } from './http/case-work.controller';
import { CasesController } from './http/cases.controller';
import { MeetingsController } from './http/meetings.controller';
import { CohortController } from './projections/cohort.controller';
import { CohortService } from './projections/cohort.service';
import { ReferralsController } from './http/referrals.controller';

@Module({
  controllers: [ReferralsController, CasesController, CaseWorkController, MeetingsController, CohortController],
  providers: [
    MakeReferralHandler,
    ExecuteCaseCommandHandler,
    CohortService,
    {
      provide: PERSON_RESOLVER,
      inject: [EVENT_STORE],
      useFactory: (store: EventStore) => new DeterministicPersonResolver(store),
    },
  ],
})
export class CaseLifecycleModule {}
