import type { PeopleClient } from './people';

/** An entry of `GET /v1/audit/trail`, as far as the person-filter specs read it. */
export interface TrailEntry {
  position: string;
  action: string;
  actor: { id: string };
  caseId?: string;
  caseIds: string[];
}

/** The whole trail (one page of up to 500) an auditor's `query` answers. */
export async function trailOf(client: PeopleClient, auditorToken: string, query: string): Promise<TrailEntry[]> {
  const answer = await client.get(`/v1/audit/trail?${query}&limit=500`, auditorToken, null);
  expect({ status: answer.status, next: answer.body.next }).toEqual({ status: 200, next: undefined });
  return answer.body.items as TrailEntry[];
}

/** The actions of a trail's entries about `caseId`. */
export const ofCase = (entries: readonly TrailEntry[], caseId: string): string[] =>
  entries.filter((e) => e.caseId === caseId || e.caseIds.includes(caseId)).map((e) => e.action);
