import { Module } from '@nestjs/common';
import { IdentityCommands } from './application/identity-commands';
import { MatchReviewQuery } from './application/match-review.query';
import { PersonIndexQuery } from './application/person-index.query';
import { PeopleController } from './http/people.controller';
import { reviewDecisionTurnsProvider } from './infrastructure/redis-review-decision-turns';
import { OtherPanelsQuery } from './published/other-panels';

/** People across panels: the person index, match reviews, merges and splits. */
@Module({
  controllers: [PeopleController],
  providers: [PersonIndexQuery, MatchReviewQuery, IdentityCommands, OtherPanelsQuery, reviewDecisionTurnsProvider],
  exports: [PersonIndexQuery, OtherPanelsQuery],
})
export class IdentityModule {}
