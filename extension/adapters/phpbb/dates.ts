/**
 * phpBB dates. phpBB 3.2+ prosilver wraps each post date in `<time datetime="…+00:00">`
 * (exact). phpBB 3.0/3.1 print only the text, formatted with the board's or the user's
 * date format (default `D M d, Y g:i a`, e.g. "Sun May 26, 2019 4:34 pm") in the
 * user's time zone, which the footer names: 3.0 "All times are UTC - 5 hours [ DST ]"
 * (the DST flag adds one hour to every date, whatever the season), 3.1+
 * "All times are UTC+01:00".
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** "May 26, 2019 4:34 pm", "May 26th, 2019, 16:34" */
const MONTH_FIRST = /\b([A-Za-z]{3})[A-Za-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}),?\s+(?:at\s+|-\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([aApP])?\.?[mM]?/;
/** "26 May 2019, 16:34", "26. May 2019 4:34 pm" */
const DAY_FIRST = /\b(\d{1,2})(?:st|nd|rd|th|\.)?\s+([A-Za-z]{3})[A-Za-z]*\.?,?\s+(\d{4}),?\s+(?:at\s+|-\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([aApP])?\.?[mM]?/;

/**
 * Offset of the page's displayed times from UTC, in minutes, read from the footer's
 * "All times are UTC …" line; null when the page does not say.
 */
export function footerOffsetMinutes(doc: Document): number | null {
  const footer = doc.querySelector('#page-footer') ?? doc.querySelector('.copyright')?.parentElement ?? null;
  const text = (footer?.textContent ?? '').replace(/\s+/g, ' ');
  const m = /\b(?:UTC|GMT)\s*(?:([+\-−])\s*(\d{1,2})(?:[:.](\d{2}))?(?:\s*hours?)?)?\s*(\[\s*DST\s*\])?/.exec(text);
  if (!m) return null;
  const sign = m[1] === '-' || m[1] === '−' ? -1 : 1;
  const minutes = m[2] ? sign * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
  return minutes + (m[4] ? 60 : 0);
}

/** ISO date of a phpBB date text shown at `offsetMinutes` from UTC; null when it is not one. */
export function parsePhpbbDate(text: string | null | undefined, offsetMinutes: number): string | null {
  if (!text) return null;
  let y: number, mon: number, d: number, h: number, mi: number, s: number, ampm: string | undefined;
  const a = MONTH_FIRST.exec(text);
  const b = a ? null : DAY_FIRST.exec(text);
  if (a) {
    mon = MONTHS.indexOf(a[1]!.toLowerCase());
    [d, y, h, mi, s] = [a[2], a[3], a[4], a[5], a[6] ?? '0'].map(Number) as [number, number, number, number, number];
    ampm = a[7];
  } else if (b) {
    mon = MONTHS.indexOf(b[2]!.toLowerCase());
    [d, y, h, mi, s] = [b[1], b[3], b[4], b[5], b[6] ?? '0'].map(Number) as [number, number, number, number, number];
    ampm = b[7];
  } else {
    return null;
  }
  if (mon < 0 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  if (ampm) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (/p/i.test(ampm) ? 12 : 0);
  }
  const t = Date.UTC(y, mon, d, h, mi, s) - offsetMinutes * 60_000;
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}
