import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import { heldRecordEvent, recordOf, recordsMoved, streamOfTheirs } from './subject-access-records';
import { WITHHELD } from './third-party';

const HIM = 'p-him';
const HER = 'p-her';
const event = (stream: string, type: string, data: object, position = 1n): RecordedEvent =>
  ({ stream, type, data, position, revision: 0n, metadata: {} }) as unknown as RecordedEvent;
const split = (personId: string, intoPersonId: string, recordIds: string[], position: bigint) =>
  event(`identity-${personId}`, 'person-split', { personId, intoPersonId, recordIds, caseIds: [] }, position);

describe('records a split moved, as a subject access report sees them', () => {
  it('knows a record by its recordId, and a person stream by the registration it is', () => {
    expect(recordOf(event(`identity-${HIM}`, 'person-record-linked', { personId: HIM, recordId: 'r-1' }))).toBe('r-1');
    expect(recordOf(event(`person-${HIM}`, 'person-details-recorded', { changes: {} }))).toBe(HIM);
    expect(recordOf(event('personmatch-x', 'match-rejected', { personIds: [HIM, HER] }))).toBeUndefined();
  });

  it('moves a record onto the person it went to and off the one it left, the person index deciding where built', () => {
    const splits = [split(HIM, HER, ['r-1'], 10n)];
    expect(recordsMoved(splits, new Set([HER]), new Set(['r-1']))).toEqual({
      onto: new Map([['r-1', HIM]]),
      off: new Set(),
    });
    expect(recordsMoved(splits, new Set([HIM]), new Set([HIM]))).toEqual({ onto: new Map(), off: new Set(['r-1']) });
    // The index has it held elsewhere now (moved on by a split her trail does not name): not hers.
    expect(recordsMoved(splits, new Set([HER]), new Set())).toEqual({ onto: new Map(), off: new Set() });
    // Before the index has it, the split says.
    expect(recordsMoved(splits, new Set([HIM]), undefined).off).toEqual(new Set(['r-1']));
    // Moved back by a later split: his again, with what was recorded on it while hers.
    const back = [...splits, split(HER, HIM, ['r-1'], 20n)];
    expect(recordsMoved(back, new Set([HIM]), undefined)).toEqual({ onto: new Map([['r-1', HER]]), off: new Set() });
    expect(recordsMoved(back, new Set([HER]), undefined)).toEqual({ onto: new Map(), off: new Set(['r-1']) });
  });

  it("shows what was recorded of her record, withholding his id, the link's measures and his stream", () => {
    const linked = event(`identity-${HIM}`, 'person-record-linked', {
      personId: HIM,
      recordId: 'r-1',
      details: { postcode: 'E5 0QT' },
      score: 21,
      levels: { postcode: 'agree' },
      identifierAgreement: false,
      occurredAt: '2024-05-02T09:00:00Z',
    });
    expect(heldRecordEvent(linked, new Set([HER]))).toEqual({
      data: {
        personId: WITHHELD,
        recordId: 'r-1',
        details: { postcode: 'E5 0QT' },
        score: WITHHELD,
        levels: WITHHELD,
        identifierAgreement: WITHHELD,
        occurredAt: '2024-05-02T09:00:00Z',
      },
      paths: ['.stream', '.data.personId', '.data.score', '.data.levels', '.data.identifierAgreement'],
    });
    const after = event(`identity-${HIM}`, 'person-record-details-recorded', { personId: HER, recordId: 'r-1' });
    expect(heldRecordEvent(after, new Set([HER]))).toEqual({ data: after.data, paths: ['.stream'] });
  });

  it('shows a stream named after one of their own ids, or after no person', () => {
    const ids = new Set([HER]);
    expect(
      [`identity-${HER}`, `person-${HER}`, 'personmatch-x', `identity-${HIM}`, `person-${HIM}`].map((s) =>
        streamOfTheirs(s, ids),
      ),
    ).toEqual([true, true, true, false, false]);
  });
});
