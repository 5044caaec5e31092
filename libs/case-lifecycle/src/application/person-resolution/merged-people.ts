import type { RecordedEvent } from '../../../../event-store/src/port/event-envelope';
import type { EventStore } from '../../../../event-store/src/port/event-store';
import {
  IDENTITY_STREAM_PREFIX,
  MATCH_STREAM_PREFIX,
  PersonGraph,
  type MatchEvent,
  type PersonLinkEvent,
} from '../../../../identity/src/domain/person-links';
import { CaseHomes, type CasesOfPerson } from './case-homes';
import { LogTail } from './log-tail';

/** The person `personId` stands for now, first, then every id merged into that person. */
export function idsStandingFor(graph: PersonGraph, personId: string): readonly string[] {
  const current = graph.current(personId);
  return [current, ...graph.mergedPeopleOf(current)];
}

/**
 * Who was merged into whom, followed from the log: a confirmed match merges (unless a rejection
 * earlier in the log keeps the two apart: the graph's shared merge rule), a split that restores a
 * merged person undoes it. Only the merge pointers and where each case is now are kept (no
 * records, no matcher), for a resolver that does not match people itself.
 */
export class MergedPeople {
  private readonly graph = new PersonGraph();
  private readonly homes = new CaseHomes();
  private readonly log: LogTail;

  constructor(store: EventStore) {
    this.log = new LogTail(store, (event) => this.apply(event));
  }

  async idsStandingFor(personId: string): Promise<readonly string[]> {
    await this.log.catchUp();
    return idsStandingFor(this.graph, personId);
  }

  async casesOf(personId: string): Promise<CasesOfPerson> {
    await this.log.catchUp();
    return this.homes.placing(idsStandingFor(this.graph, personId));
  }

  private apply(event: RecordedEvent): void {
    this.homes.apply(event);
    if (event.stream.startsWith(MATCH_STREAM_PREFIX)) {
      this.graph.applyDecision(event as unknown as MatchEvent);
    } else if (event.stream.startsWith(IDENTITY_STREAM_PREFIX)) {
      const link = event as unknown as PersonLinkEvent;
      // Cases are placed by `homes`: only who stands for whom is kept here.
      if (link.type === 'person-split' && link.data.restored)
        this.graph.split({ ...link.data, recordIds: [], caseIds: [] });
    }
  }
}
