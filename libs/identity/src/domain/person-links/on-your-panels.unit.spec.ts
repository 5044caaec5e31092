import { onYourPanels } from './on-your-panels';

describe('onYourPanels', () => {
  const coordinator = { roles: ['coordinator'], panels: ['IOM'] };

  it("gives a coordinator their panels' records and those no panel claimed, never another panel's", () => {
    const ours = onYourPanels(coordinator);
    expect([ours('IOM'), ours(null), ours('MARAC')]).toEqual([true, true, false]);
  });

  it('gives an admin every panel, whichever they sit on', () => {
    const ours = onYourPanels({ roles: ['admin'], panels: [] });
    expect([ours('IOM'), ours('MARAC'), ours(null)]).toEqual([true, true, true]);
  });
});
