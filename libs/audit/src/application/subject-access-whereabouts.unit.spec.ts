import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import { ProtectedWhereabouts } from './subject-access-whereabouts';
import { WITHHELD } from './third-party';

// Synthetic records, cases and addresses only.
const event = (stream: string, type: string, data: Record<string, unknown>, metadata = {}): RecordedEvent =>
  ({ stream, type, data, metadata }) as unknown as RecordedEvent;
const referral = (caseId: string, panelCode: string, recordId: string) =>
  event(`case-${caseId}`, 'referral-made', { caseId, panelCode, recordId });
const linked = (recordId: string, reason?: string) =>
  event('identity-p-her', 'person-record-linked', {
    personId: 'p-her',
    recordId,
    details: { forenames: 'Morwen', postcode: 'N4 2ZZ', address: '3 Synthetic Row' },
    score: 0.93,
    levels: { name: 'exact', residence: 'postcode' },
    ...(reason === undefined ? {} : { reason }),
  });
const isProtected = (panel: string) => panel === 'MARAC';
const hers = (protectedCases: string[]) =>
  new ProtectedWhereabouts(
    [referral('c-marac', 'MARAC', 'r-marac'), referral('c-iom', 'IOM', 'r-iom')],
    new Set(protectedCases),
    isProtected,
  );

describe('ProtectedWhereabouts', () => {
  it('withholds where a protecting panel’s record places her, keeping her name', () => {
    const { data, paths } = hers(['c-marac']).personEvent(linked('r-marac'), linked('r-marac').data);
    expect(data).toMatchObject({ details: { forenames: 'Morwen', postcode: WITHHELD, address: WITHHELD } });
    expect(paths).toEqual(['.details.postcode', '.details.address', '.score', '.levels']);
  });

  it('keeps another panel’s postcode but withholds what was measured against the protected record', () => {
    const { data, paths } = hers(['c-marac']).personEvent(
      linked('r-iom', 'same flat'),
      linked('r-iom', 'same flat').data,
    );
    expect(data).toMatchObject({ details: { postcode: 'N4 2ZZ' }, score: WITHHELD, levels: WITHHELD });
    expect(paths).toEqual(['.score', '.levels', '.reason']);
  });

  it('treats a record no case of hers names as protected until a member looks', () => {
    expect(hers(['c-marac']).personEvent(linked('r-upload'), linked('r-upload').data).paths).toContain(
      '.details.address',
    );
  });

  it('withholds details given through a protected case on any record', () => {
    const moved = event('person-r-iom', 'person-details-recorded', {
      changes: { postcode: 'E8 1AA' },
      source: 'c-marac',
    });
    expect(hers(['c-marac']).personEvent(moved, moved.data).paths).toEqual(['.changes.postcode']);
  });

  it('leaves everything as recorded when nothing of hers is protected', () => {
    expect(hers([]).personEvent(linked('r-marac'), linked('r-marac').data)).toEqual({
      data: linked('r-marac').data,
      paths: [],
    });
  });
});
