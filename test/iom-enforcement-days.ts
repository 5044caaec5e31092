/** Days counted back from the real clock, as the IOM enforcement rules count them (UK dates). */
export const DAY_MS = 86_400_000;

/** Noon UTC `days` ago: the same UK date whatever the season. */
export const daysAgo = (days: number): string => {
  const at = new Date(Date.now() - days * DAY_MS);
  at.setUTCHours(12, 0, 0, 0);
  return at.toISOString();
};

export const dayOf = (instant: string): string => instant.slice(0, 10);
