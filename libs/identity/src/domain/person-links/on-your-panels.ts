/** The caller as the split-within-your-panels rule reads them. */
export interface PanelsOfCaller {
  readonly roles: readonly string[];
  readonly panels: readonly string[];
}

/**
 * Whether what a panel brought in (a record, a case) is the caller's to move in a split, and so
 * theirs to be shown when a split is refused or sorted: an admin's whatever its panel; a
 * coordinator's when it is one of their panels or no panel claimed it. One rule for the split,
 * its identifier refusal and its restore sorting, so a change to who may split is made once.
 */
export const onYourPanels =
  (caller: PanelsOfCaller) =>
  (panel: string | null): boolean =>
    caller.roles.includes('admin') || panel === null || caller.panels.includes(panel);
