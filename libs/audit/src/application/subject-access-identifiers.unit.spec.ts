import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import { disownedIdentifiers, withoutDisownedIdentifiers } from './subject-access-identifiers';
import { WITHHELD } from './third-party';

/** A synthetic PNC ID whose check character is right, so the identity context's rules read it. */
const HERS = '1979/0006611M';
const HIS = '1979/0006612Y';
const event = (stream: string, type: string, data: object, position: bigint): RecordedEvent =>
  ({ stream, type, data, position, revision: 0n, metadata: {} }) as unknown as RecordedEvent;
const linked = (identifiers: object, position = 1n) =>
  event(
    'identity-p-her',
    'person-record-linked',
    { personId: 'p-her', recordId: 'r-his', details: { identifiers } },
    position,
  );
const recordedOnHis = (data: object, position: bigint) =>
  event(
    'identity-p-her',
    'person-record-details-recorded',
    { personId: 'p-him', recordId: 'r-his', ...data },
    position,
  );
const withheldFrom = (shown: RecordedEvent, events: RecordedEvent[]) =>
  withoutDisownedIdentifiers(shown, shown.data, disownedIdentifiers(events));

describe('identifiers a subject access report withholds as not the person’s', () => {
  it('withholds a value removed from the record, in its earlier events, and keeps the others', () => {
    const link = linked({ pnc: HERS, nhs: '9434765919' });
    const removal = recordedOnHis({ changes: {}, identifiersRemoved: ['pnc'] }, 5n);
    expect(withheldFrom(link, [removal, link])).toEqual({
      data: { personId: 'p-her', recordId: 'r-his', details: { identifiers: { pnc: WITHHELD, nhs: '9434765919' } } },
      paths: ['.details.identifiers.pnc'],
    });
  });

  it('withholds nothing for a split stating the kind in error: it does not say which side the value is wrong on', () => {
    const link = linked({ nhs: '9434765919' });
    const split = event(
      'identity-p-her',
      'person-split',
      { personId: 'p-her', intoPersonId: 'p-him', recordIds: ['r-his'], identifiersInError: ['nhsNumber'] },
      4n,
    );
    expect(withheldFrom(link, [link, split])).toEqual({ data: link.data, paths: [] });
  });

  it('withholds a value removed under another spelling of it, and gives out one set again in another', () => {
    const link = linked({ pnc: HERS, nhs: '943 476 5919' });
    const short = recordedOnHis({ changes: { identifiers: { pnc: '79/6611M', nhs: '9434765919' } } }, 3n);
    const removal = recordedOnHis({ changes: {}, identifiersRemoved: ['pnc', 'nhs'] }, 5n);
    expect(withheldFrom(link, [link, short, removal]).paths).toEqual([
      '.details.identifiers.pnc',
      '.details.identifiers.nhs',
    ]);
    const again = recordedOnHis({ changes: { identifiers: { pnc: '79/0006611M' } } }, 7n);
    expect(withheldFrom(link, [link, removal, again]).paths).toEqual(['.details.identifiers.nhs']);
  });

  it('withholds the value as held when removed, however it was typed, and not a value recorded again since', () => {
    const link = linked({ pnc: HERS.toLowerCase() });
    const removal = recordedOnHis({ changes: {}, identifiersRemoved: ['pnc'] }, 5n);
    expect(
      withheldFrom(link, [link, recordedOnHis({ changes: { identifiers: { pnc: HERS } } }, 3n), removal]).paths,
    ).toEqual(['.details.identifiers.pnc']);
    const again = recordedOnHis({ changes: { identifiers: { pnc: HERS } } }, 7n);
    expect(withheldFrom(link, [link, removal, again]).paths).toEqual([]);
  });

  it('withholds a value a correction replaced with his own, and gives out his own', () => {
    const link = linked({ pnc: HERS, nhs: '9434765919' });
    const corrected = recordedOnHis(
      { changes: { identifiers: { pnc: HIS } }, reason: 'her PNC ID, typed in error' },
      3n,
    );
    expect(withheldFrom(link, [corrected, link])).toEqual({
      data: { personId: 'p-her', recordId: 'r-his', details: { identifiers: { pnc: WITHHELD, nhs: '9434765919' } } },
      paths: ['.details.identifiers.pnc'],
    });
    expect(withheldFrom(corrected, [link, corrected])).toEqual({ data: corrected.data, paths: [] });
  });

  it('withholds nothing for a correction to the same value in another spelling, or a value set again since', () => {
    const link = linked({ pnc: HERS });
    const short = recordedOnHis({ changes: { identifiers: { pnc: '79/6611M' } }, reason: 'police use it' }, 3n);
    expect(withheldFrom(link, [link, short]).paths).toEqual([]);
    const replaced = recordedOnHis({ changes: { identifiers: { pnc: HIS } }, reason: 'hers, typed in error' }, 5n);
    const back = recordedOnHis({ changes: { identifiers: { pnc: HERS } }, reason: 'the first was right' }, 7n);
    expect(withheldFrom(link, [link, replaced, back]).paths).toEqual([]);
    // What the record held when it was set back is his no longer.
    expect(withheldFrom(replaced, [link, replaced, back]).paths).toEqual(['.changes.identifiers.pnc']);
  });

  it('withholds nothing for details without identifiers, or identifiers recorded without a reason', () => {
    const link = linked({ pnc: HERS });
    const moved = recordedOnHis({ changes: { address: '1 Synthetic Row' }, reason: 'moved' }, 3n);
    const unexplained = recordedOnHis({ changes: { identifiers: { pnc: HIS } } }, 5n);
    expect(withheldFrom(link, [link, moved, unexplained])).toEqual({ data: link.data, paths: [] });
  });
});
