import { applyDecorators, Controller } from '@nestjs/common';
import type { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Principal } from '../../../platform/src/auth/principal';
import { commandContextFor } from '../../../platform/src/http/command-context.factory';
import { parseIfMatch } from '../../../platform/src/http/if-match';
import { exposePosition } from '../../../platform/src/http/position-header';
import { ExecuteCaseCommand, type CaseCommandOutcome } from '../application/case-command';
import { requireNotInFuture, type CaseCommand, type CaseRecord } from '../domain';
import { namingOccurredAtOnlyWhenSent } from './unsent-occurred-at';

/** A controller of commands on one case: `v1/cases/:caseId/...`, with its revision and retry headers. */
export const CaseWorkRoutes = () =>
  applyDecorators(
    ApiTags('cases'),
    ApiBearerAuth(),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'Expected case revision (ETag); 412 when the case has moved on',
    }),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'Replays the first response for the same key and body',
    }),
    Controller('v1/cases/:caseId'),
  );

export type BuildCaseCommand = (current: CaseRecord, at: string) => CaseCommand;

export interface CaseRoute {
  readonly caseId: string;
  readonly occurredAt: string | undefined;
  readonly build: BuildCaseCommand;
  readonly principal: Principal;
  readonly request: Request;
  readonly response: Response;
  /** The rule refusing an `occurredAt` later than the server's clock (beyond skew), when the route has one. */
  readonly notInFutureRule?: string;
}

/** Runs a command on an existing case and answers with its events, revision (ETag) and log position. */
export function runCaseCommand(commands: CommandBus, route: CaseRoute) {
  return namingOccurredAtOnlyWhenSent(route.occurredAt, () => caseCommand(commands, route));
}

async function caseCommand(commands: CommandBus, route: CaseRoute) {
  const { caseId, build, request, response } = route;
  const context = commandContextFor(route.principal, request, route.occurredAt);
  if (route.notInFutureRule !== undefined) {
    requireNotInFuture(context.occurredAt, context.now, 'occurredAt', route.notInFutureRule);
  }
  const outcome = await commands.execute<ExecuteCaseCommand, CaseCommandOutcome>(
    new ExecuteCaseCommand(
      caseId,
      (current) => build(current, context.occurredAt),
      route.principal,
      context,
      parseIfMatch(request.headers['if-match']),
    ),
  );
  const position = exposePosition(response, outcome.position, outcome.revision);
  return {
    caseId,
    events: outcome.events,
    revision: Number(outcome.revision),
    position: position === undefined ? null : Number(position),
  };
}
