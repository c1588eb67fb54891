/**
 * Date reading for pages whose engine we do not know: machine-readable attributes
 * (`datetime`, epoch seconds or milliseconds) and the date texts forums commonly show
 * ("Sun May 26, 2019 4:34 pm", "Nov 21, 2010 at 10:51 AM", "2020-06-19 11:41:44 -0500",
 * "3 hours ago"). English month names only; anything else is not a date.
 *
 * Times without a zone are read as UTC. Attributes without a zone (Hacker News
 * `title="2023-07-21T19:51:36"`, Stack Overflow `datetime="2009-11-13T23:04:30"`) are UTC on
 * every engine we have seen; a zone-less time shown as text ("4:34 pm") is in the
 * forum's or the reader's zone, which the page does not say: the result says `zoned: false`
 * so the adapter can report it.
 */

export interface ParsedDate {
  /** ISO-8601 UTC, or null for a relative time ("3 hours ago") or a date without a year. */
  iso: string | null;
  /** True when the value said its zone (or is an epoch number); false when read as UTC. */
  zoned: boolean;
  /** True when the value carries a time of day (not only a date). */
  hasTime: boolean;
}

const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, sept: 8, oct: 9, nov: 10, dec: 11,
};
const MONTH_RE =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const WEEKDAY = /\b(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(day|sday|nesday|rsday|urday)?\b\.?,?/gi;
const ZONE_RE = '(z|utc|gmt|[+-]\\d{2}:?\\d{2})';

const MIN = Date.UTC(1995, 0, 1);
const MAX = Date.UTC(2100, 0, 1);

function make(ms: number, zoned: boolean, hasTime: boolean): ParsedDate | null {
  if (!Number.isFinite(ms) || ms < MIN || ms >= MAX) return null;
  return { iso: new Date(ms).toISOString(), zoned, hasTime };
}

/** Offset in minutes of "Z", "UTC", "+0200", "-05:00", "GMT+2"; null when there is none. */
function zoneOffset(zone: string | undefined, gmtSuffix?: string): number | null {
  if (!zone) return null;
  const z = zone.toLowerCase();
  if (z === 'z' || z === 'utc' || z === 'gmt') {
    if (gmtSuffix) {
      const m = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(gmtSuffix);
      if (m) return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
    }
    return 0;
  }
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(z);
  if (!m) return null;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

function hour12(h: number, ampm: string | undefined): number {
  if (!ampm) return h;
  const pm = ampm.toLowerCase().startsWith('p');
  if (h === 12) return pm ? 12 : 0;
  return pm ? h + 12 : h;
}

/** Epoch seconds (10 digits) or milliseconds (13 digits). */
export function parseEpoch(value: string | null | undefined): ParsedDate | null {
  const v = value?.trim();
  if (!v || !/^\d{10}(\d{3})?(\.\d+)?$/.test(v)) return null;
  const n = Number(v);
  return make(v.replace(/\..*/, '').length === 13 ? n : n * 1000, true, true);
}

const ISO = new RegExp(
  `(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d+))?)?)?\\s*${ZONE_RE}?(?![\\w])`,
  'i',
);

/** An ISO-like date anywhere in the value ("2009-11-13 23:18:03Z, License: …" included). */
export function parseIsoLike(value: string | null | undefined): ParsedDate | null {
  if (!value) return null;
  const m = ISO.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const off = zoneOffset(zone);
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), Number(`0.${frac ?? '0'}`) * 1000);
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d))).getUTCMonth() !== Number(mo) - 1) return null;
  if (Number(h ?? 0) > 23 || Number(mi ?? 0) > 59 || Number(s ?? 0) > 59) return null;
  return make(ms - (off ?? 0) * 60_000, off !== null || h === undefined, h !== undefined);
}

const RELATIVE =
  /^(?:about |around |over |almost |~)?(?:\d+|an?|one)\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mo|mos|months?|y|yrs?|years?)\.?\s+ago$|^(?:just now|now|yesterday|today|moments? ago|a moment ago|few seconds ago)$/i;

/** "3 hours ago", "4 yr. ago", "yesterday": a time, but not an instant we can name. */
export function isRelativeTime(text: string): boolean {
  return RELATIVE.test(text.trim().replace(/\s+/g, ' '));
}

const TIME_OF_DAY = /\b(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?(?![\w:])/i;
const GMT_OFFSET = /\b(utc|gmt)\s*([+-]\d{1,2}(?::?\d{2})?)?(?![\w])|(?<![\w:])([+-]\d{2}:?\d{2})(?![\w])/i;

/**
 * A date written with an English month name. `strict` (for texts of the page rather
 * than attributes) requires the value to be little else than the date.
 */
export function parseMonthDate(value: string | null | undefined, strict: boolean): ParsedDate | null {
  if (!value || value.length > 80) return null;
  let rest = value.replace(WEEKDAY, ' ');
  const mdY = new RegExp(`\\b${MONTH_RE}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(?:(\\d{4})|'(\\d{2}))(?!\\d)`, 'i').exec(rest);
  const dMY = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\.?\\s+${MONTH_RE},?\\s+(\\d{4})(?!\\d)`, 'i').exec(rest);
  // "Sat Apr 21 21:36:45 2018 UTC" (C asctime, old Reddit's title).
  const asc = new RegExp(`\\b${MONTH_RE}\\s+(\\d{1,2})\\s+(\\d{1,2}:\\d{2}(?::\\d{2})?)\\s+(\\d{4})(?!\\d)`, 'i').exec(rest);
  let year: number;
  let month: number;
  let day: number;
  if (asc) {
    month = MONTHS[asc[1]!.slice(0, 3).toLowerCase()]!;
    day = Number(asc[2]);
    year = Number(asc[4]);
    rest = rest.replace(asc[0], ` ${asc[3]} `);
  } else if (mdY) {
    month = MONTHS[mdY[1]!.slice(0, 3).toLowerCase()]!;
    day = Number(mdY[2]);
    year = mdY[3] ? Number(mdY[3]) : 2000 + Number(mdY[4]);
    rest = rest.replace(mdY[0], ' ');
  } else if (dMY) {
    day = Number(dMY[1]);
    month = MONTHS[dMY[2]!.slice(0, 3).toLowerCase()]!;
    year = Number(dMY[3]);
    rest = rest.replace(dMY[0], ' ');
  } else {
    return null;
  }
  if (day < 1 || day > 31 || new Date(Date.UTC(year, month, day)).getUTCMonth() !== month) return null;
  const t = TIME_OF_DAY.exec(rest);
  let h = 0;
  let mi = 0;
  let s = 0;
  if (t) {
    h = hour12(Number(t[1]), t[4]);
    mi = Number(t[2]);
    s = Number(t[3] ?? 0);
    if (h > 23 || mi > 59 || s > 59) return null;
    rest = rest.replace(t[0], ' ');
  }
  const z = GMT_OFFSET.exec(rest);
  let off: number | null = null;
  if (z) {
    off = z[1] ? zoneOffset(z[1], z[2]) : zoneOffset(z[3]);
    rest = rest.replace(z[0], ' ');
  }
  if (strict) {
    const left = rest.replace(/\b(at|on|by|posted|created|written|wrote|am|pm|,|»|·|•|\||-|–|—)\b|[,.»·•|:\-–—()[\]]/gi, ' ').trim();
    if (left.length > 12) return null;
  }
  const ms = Date.UTC(year, month, day, h, mi, s) - (off ?? 0) * 60_000;
  return make(ms, off !== null || !t, !!t);
}

/** A date from an attribute value (datetime, title, data-time, content). */
export function parseDateAttr(value: string | null | undefined): ParsedDate | null {
  if (!value) return null;
  return parseEpoch(value) ?? parseIsoLike(value) ?? parseMonthDate(value, false);
}

/** A date from a short text shown on the page; relative times give `iso: null`. */
export function parseDateText(text: string): ParsedDate | null {
  const t = text.replace(/\s+/g, ' ').trim();
  if (!t || t.length > 60) return null;
  if (isRelativeTime(t.replace(/^[·•|,\s]+|[·•|,\s]+$/g, ''))) return { iso: null, zoned: true, hasTime: true };
  const iso = parseIsoLike(t);
  if (iso) {
    const left = t.replace(ISO, ' ').replace(/[,.»·•|:\-–—()]/g, ' ').trim();
    return left.length <= 12 ? iso : null;
  }
  return parseMonthDate(t, true);
}
