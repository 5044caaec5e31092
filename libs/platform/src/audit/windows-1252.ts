/**
 * Windows-1252's characters for bytes 0x80-0x9F, where Latin-1 has C1 controls: the curly quotes,
 * dashes and `€` a Windows client sends. Above 0x9F the two agree. The five bytes Windows-1252
 * leaves unassigned stay C1 controls, as the WHATWG decoder reads them. Written out because
 * Node 20's `TextDecoder('windows-1252')` decodes as plain Latin-1.
 */
const HIGH_CONTROLS =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Text read one character a byte (as Node reads a header) re-read as Windows-1252. */
export const fromWindows1252 = (latin1: string): string =>
  latin1.replace(/[\x80-\x9f]/g, (c) => HIGH_CONTROLS[c.charCodeAt(0) - 0x80] ?? c);
