/**
 * What other contexts ask the person index about a person's other panels. Only this file is
 * imported from outside identity for it, so a case view or agenda can carry an "also known to"
 * marker without reading the index's internals.
 */
import { Injectable } from '@nestjs/common';
import { PersonIndexQuery, type IndexedPerson } from '../application/person-index.query';

/**
 * Panels outside `readerPanels` with an open case about the person or naming them (a MARAC
 * perpetrator): panel names only. Never which case, in what role, or anything the panel holds:
 * that stays locked until access is granted. Closed and declined cases do not count, as in the
 * overlaps and the case view's own marker.
 */
export function otherPanelsOfPerson(person: IndexedPerson, readerPanels: readonly string[]): string[] {
  const open = [...person.cases, ...person.namedOn].filter((c) => c.open && !readerPanels.includes(c.panel));
  return [...new Set(open.map((c) => c.panel))].sort();
}

@Injectable()
export class OtherPanelsQuery {
  constructor(private readonly index: PersonIndexQuery) {}

  /** `otherPanelsOfPerson` for any id ever issued (merged ids read as their survivor); [] for an unknown id. */
  otherPanelsOf(personId: string, readerPanels: readonly string[]): string[] {
    const person = this.index.person(personId);
    return person === undefined ? [] : otherPanelsOfPerson(person, readerPanels);
  }

  /**
   * The perpetrator a MARAC case names now, with the panels beyond `readerPanels` he is known to:
   * what a case view or agenda item shows as its perpetrator marker. Undefined when it names none.
   */
  perpetratorMarker(
    caseId: string,
    readerPanels: readonly string[],
  ): { readonly personId: string; readonly alsoKnownTo: string[] } | undefined {
    const personId = this.index.perpetratorOfCase(caseId);
    return personId === undefined ? undefined : { personId, alsoKnownTo: this.otherPanelsOf(personId, readerPanels) };
  }
}
