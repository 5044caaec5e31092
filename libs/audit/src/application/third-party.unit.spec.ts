import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import { identityEventAbout, partsAbout, WITHHELD, withoutThirdParties } from './third-party';

const subject = new Set(['victim-1']);

describe('withoutThirdParties', () => {
  it('withholds another person named beside the subject, and a household’s children however named', () => {
    const data = {
      caseId: 'case-1',
      personId: 'victim-1',
      witnessPersonId: 'witness-9',
      details: {
        perpetrator: { personId: 'perp-2', relationshipToVictim: 'ex-partner, lives at 1 Synthetic Row' },
        children: [{ name: 'Child Synthetic', dateOfBirth: '2016-03-03' }],
        incident: { occurredAt: '2024-05-01', summary: 'hers to read' },
      },
    };
    expect(withoutThirdParties(data, subject)).toEqual({
      data: {
        caseId: 'case-1',
        personId: 'victim-1',
        witnessPersonId: WITHHELD,
        details: { perpetrator: WITHHELD, children: WITHHELD, incident: data.details.incident },
      },
      paths: ['.witnessPersonId', '.details.perpetrator', '.details.children'],
    });
  });

  it('keeps an object naming the subject, only another’s id in it withheld', () => {
    const data = { parties: [{ personId: 'victim-1', withPersonId: 'perp-2', since: '2020-01-01' }] };
    expect(withoutThirdParties(data, subject).data).toEqual({
      parties: [{ personId: 'victim-1', withPersonId: WITHHELD, since: '2020-01-01' }],
    });
  });
});

describe('partsAbout', () => {
  it('gives a named person’s own id, dates and codes, and withholds their text and anyone else’s id', () => {
    const perpetrator = new Set(['perp-2']);
    const data = {
      personId: 'victim-1',
      perpetrator: {
        personId: 'perp-2',
        relationshipToVictim: 'ex-partner at 1 Synthetic Row',
        kind: 'known',
        since: 3,
      },
    };
    expect(partsAbout(data, perpetrator)).toEqual([
      {
        path: '$.perpetrator',
        fields: { personId: 'perp-2', relationshipToVictim: WITHHELD, kind: 'known', since: WITHHELD },
        withheld: ['relationshipToVictim', 'since'],
      },
    ]);
  });
});

describe('identityEventAbout', () => {
  it('keeps the date and the scoring model of a proposal naming someone else, and withholds the rest', () => {
    const event = {
      type: 'match-proposed',
      data: {
        personIds: ['victim-1', 'other-3'],
        score: 6.2,
        levels: { surname: 'exact' },
        model: { id: 'uk-synthetic-referrals', version: 1 },
        occurredAt: '2026-01-02T10:00:00Z',
      },
    } as unknown as RecordedEvent;
    expect(identityEventAbout(event, subject).data).toEqual({
      personIds: ['victim-1', WITHHELD],
      score: WITHHELD,
      levels: WITHHELD,
      model: { id: 'uk-synthetic-referrals', version: 1 },
      occurredAt: '2026-01-02T10:00:00Z',
    });
  });
});
