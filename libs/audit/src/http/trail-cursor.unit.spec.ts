import { parseTrailCursor, trailCursor } from './trail-cursor';

describe('trail cursor', () => {
  it('gives back the position and the bound it was made of', () => {
    expect(parseTrailCursor(trailCursor('12', 40n))).toEqual({ after: 12n, through: 40n });
  });

  it('reads a bare position, as pages gave before the bound was carried, with no bound', () => {
    expect(parseTrailCursor('12')).toEqual({ after: 12n });
    expect(parseTrailCursor('12-')).toBeUndefined();
  });
});
