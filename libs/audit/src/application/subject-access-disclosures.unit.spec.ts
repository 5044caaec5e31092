import type { TrailItem } from '../projections/audit-trail.query';
import {
  byCaseAsTheirs,
  byRecordsAsTheirs,
  ownRecordsBehindFields,
  recordsBehind,
  splitPartners,
  theirsByRecords,
} from './subject-access-disclosures';
import { WITHHELD } from './third-party';

/** A share about a person alone recorded under his id while she was merged into him: her address. */
const recording = {
  disclosureId: 'd-1',
  personId: 'him',
  caseId: null,
  personRecordIds: ['her-record'],
  fields: ['address'],
};

describe('a disclosure about a person alone in a subject access report', () => {
  it('is theirs by the records behind it when it kept them, else their ids decide', () => {
    expect(theirsByRecords(recording, new Set(['her-record']))).toBe(true);
    expect(theirsByRecords(recording, new Set(['his-record']))).toBe(false);
    // About a case, recorded before records were kept, or read without the person index: by ids.
    expect(recordsBehind({ ...recording, caseId: 'c-1' })).toBeUndefined();
    expect(theirsByRecords({ ...recording, personRecordIds: undefined }, new Set(['her-record']))).toBeUndefined();
    expect(theirsByRecords({ ...recording, personRecordIds: [] }, new Set(['her-record']))).toBeUndefined();
    expect(theirsByRecords(recording, undefined)).toBeUndefined();
  });

  it('is looked for under the other people the splits in their trail named', () => {
    const item = (action: string, personIds: string[]) => ({ action, personIds }) as unknown as TrailItem;
    const items = [
      item('person-split', ['him', 'her']),
      item('person-viewed', ['stranger']),
      item('person-split', ['her', 'sister']),
    ];
    expect(splitPartners(items, new Set(['her']))).toEqual(['him', 'sister']);
  });

  it('withholds the id it was recorded under and the records behind it that are someone else’s', () => {
    const both = { ...recording, personRecordIds: ['his-record', 'her-record'] };
    expect(byRecordsAsTheirs(both, both, new Set(['her']), new Set(['her-record']))).toEqual({
      data: { ...both, personId: WITHHELD, personRecordIds: [WITHHELD, 'her-record'] },
      paths: ['.personId', '.personRecordIds[0]'],
      splitSince: true,
    });
    // His own, all his records: nothing withheld, and nothing was split since.
    const his = { ...recording, personRecordIds: ['his-record'] };
    expect(byRecordsAsTheirs(his, his, new Set(['him']), new Set(['his-record']))).toEqual({
      data: his,
      paths: [],
      splitSince: false,
    });
  });

  it('withholds the records behind each field given out that are someone else’s, about a case too', () => {
    const onCase = {
      ...recording,
      caseId: 'c-1',
      recordsBehindFields: { name: ['his-record'], address: ['her-record'] },
    };
    expect(ownRecordsBehindFields(onCase, new Set(['her-record']))).toEqual({
      data: { ...onCase, recordsBehindFields: { name: [WITHHELD], address: ['her-record'] } },
      paths: ['.recordsBehindFields.name[0]'],
    });
    expect(ownRecordsBehindFields(recording, new Set(['her-record']))).toEqual({ data: recording, paths: [] });
    const both = { ...recording, recordsBehindFields: { address: ['his-record'] } };
    expect(byRecordsAsTheirs(both, both, new Set(['him']), new Set(['her-record'])).paths).toEqual([
      '.recordsBehindFields.address[0]',
    ]);
  });

  it('withholds, on an entry about a case, the id it was recorded under when it is someone else’s', () => {
    // A case share made while she was merged into him (he survived): recorded under his id.
    const onCase = { ...recording, caseId: 'c-1', recordsBehindFields: { name: ['his-record'] } };
    expect(byCaseAsTheirs(onCase, new Set(['her']), new Set(['her-record']))).toEqual({
      data: { ...onCase, personId: WITHHELD, recordsBehindFields: { name: [WITHHELD] } },
      paths: ['.personId', '.recordsBehindFields.name[0]'],
    });
    expect(byCaseAsTheirs(onCase, new Set(['him']), new Set(['his-record']))).toEqual({ data: onCase, paths: [] });
  });
});
