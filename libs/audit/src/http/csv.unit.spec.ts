import { csv } from './csv';

describe('csv', () => {
  it('quotes separators and quotes, and defuses spreadsheet formulas from user input', () => {
    expect(
      csv(
        ['a', 'b'],
        [
          ['x, "y"', '=HYPERLINK("evil")'],
          [undefined, { q: 1 }],
        ],
      ),
    ).toBe('a,b\r\n"x, ""y""","\'=HYPERLINK(""evil"")"\r\n,"{""q"":1}"\r\n');
  });
});
