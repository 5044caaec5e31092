import { panelsReleased } from './subject-access-release';

describe('which protecting panels a subject access report releases', () => {
  it('redacts by default, and leaves MARAC content in only for a MARAC member who asks', () => {
    const auditor = { panels: [] };
    const maracMember = { panels: ['MARAC'] };
    expect(panelsReleased(undefined, auditor)).toEqual(new Set());
    expect(panelsReleased('false', auditor)).toEqual(new Set());
    expect(panelsReleased(undefined, maracMember)).toEqual(new Set());
    expect(panelsReleased('true', maracMember)).toEqual(new Set());
    expect(panelsReleased('false', maracMember)).toEqual(new Set(['MARAC']));
  });
});
