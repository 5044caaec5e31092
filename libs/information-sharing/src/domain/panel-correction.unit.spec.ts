import { deciderSpecification } from '../../../command-handling/src/testing/decider-specification';
import { disclosureDecider, type DisclosureEvent, type InformationWithheld } from './disclosure';
import type { CorrectDisclosurePanel } from './panel-correction';

const spec = deciderSpecification(disclosureDecider);

/** A person-only decision not to share as recorded before entries named their panel. */
const legacy: InformationWithheld = {
  type: 'information-withheld',
  data: {
    disclosureId: 'd-1',
    personId: 'p-1',
    caseId: null,
    fromAgency: 'Metropolitan Police',
    toAgency: 'Haringey Council',
    toUser: null,
    fields: ['address'],
    documents: [],
    purpose: 'The council asked where she lives',
    occurredAt: '2024-05-01T10:00:00Z',
    reason: 'In refuge',
    lawfulBasis: null,
    dsaId: null,
    consent: null,
  },
};
const toIom: CorrectDisclosurePanel = {
  type: 'correct-disclosure-panel',
  panel: 'IOM',
  reason: ' Named in the IOM minutes ',
  occurredAt: '2025-01-02T09:00:00Z',
};
const corrected = (panel: string): DisclosureEvent => ({
  type: 'disclosure-panel-corrected',
  data: { disclosureId: 'd-1', personId: 'p-1', panel, reason: 'r', occurredAt: '2025-01-01T09:00:00Z' },
});

describe('correcting the panel of a register entry', () => {
  it('records the panel, the person and the trimmed reason', () => {
    spec
      .given(legacy)
      .when(toIom)
      .thenEvents((events) =>
        expect(events).toEqual([
          {
            type: 'disclosure-panel-corrected',
            data: {
              disclosureId: 'd-1',
              personId: 'p-1',
              panel: 'IOM',
              reason: 'Named in the IOM minutes',
              occurredAt: toIom.occurredAt,
            },
          },
        ]),
      );
  });

  it('refuses an unknown entry, a blank reason, an entry about a case, and the panel its events already settle on', () => {
    spec.given().when(toIom).thenRejects('not-found', 'disclosure-exists');
    spec
      .given(legacy)
      .when({ ...toIom, reason: '  ' })
      .thenRejects('invalid', 'reason-required');
    spec
      .given({ ...legacy, data: { ...legacy.data, caseId: 'c-1', panel: 'MARAC' } })
      .when(toIom)
      .thenRejects('conflict', 'person-only-entry');
    spec
      .given({ ...legacy, data: { ...legacy.data, panel: 'iom' } })
      .when(toIom)
      .thenRejects('conflict', 'different-panel');
    spec.given(legacy, corrected('IOM')).when(toIom).thenRejects('conflict', 'different-panel');
  });

  it('moves a recorded or corrected panel on, since only the entry’s own events settle it', () => {
    spec
      .given({ ...legacy, data: { ...legacy.data, panel: 'MARAC' } })
      .when(toIom)
      .thenEvents((events) => expect(events).toHaveLength(1));
    spec
      .given(legacy, corrected('MARAC'))
      .when(toIom)
      .thenEvents((events) => expect(events).toHaveLength(1));
  });
});
