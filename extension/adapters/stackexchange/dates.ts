/**
 * Stack Exchange writes times in three shapes, all UTC:
 * - `title="2009-11-13 23:18:03Z"` (`span.relativetime`), comments add `, License: CC BY-SA 2.5`;
 * - `datetime="2009-11-13T23:04:30"` on `time[itemprop=dateCreated]`: no zone, but the server
 *   renders UTC (the header shows the same instant as `title="… 22:38:26Z"`), so it is read as UTC;
 * - full ISO-8601 with a zone (newer markup).
 */
const SE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(Z|[+-]\d{2}:?\d{2})?(?:\s*,.*)?$/;

export function seDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const m = SE_TIME.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) {
    return null;
  }
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  let t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0), ms);
  if (zone && zone !== 'Z') {
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
    if (!z) return null;
    const offset = (Number(z[2]) * 60 + Number(z[3])) * 60_000;
    t -= z[1] === '+' ? offset : -offset;
  }
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}
