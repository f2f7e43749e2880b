/** Time-zone arithmetic without a library: local calendar dates of a school ↔ UTC instants (DESIGN: Time). */

// Building an Intl.DateTimeFormat costs ~0.5 ms; one per time zone is kept.
const partsFormats = new Map<string, Intl.DateTimeFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** Offset of `tz` from UTC at `instant`, in milliseconds (e.g. +12 h for Asia/Kamchatka). */
export function tzOffsetMs(instant: number, tz: string): number {
  let format = partsFormats.get(tz);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    partsFormats.set(tz, format);
  }
  const parts = format.formatToParts(new Date(instant));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The UTC instant of local wall-clock `date` + `time` ('HH:MM') in `tz`. */
export function zonedInstant(date: string, time: string, tz: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  let instant = wall - tzOffsetMs(wall, tz);
  // A second pass settles a DST change between the guess and the answer.
  instant = wall - tzOffsetMs(instant, tz);
  return new Date(instant);
}

/** The local calendar date in `tz` at `instant`. */
export function localDate(instant: Date, tz: string): string {
  let format = dateFormats.get(tz);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(tz, format);
  }
  return format.format(instant);
}

export const addDays = (date: string, n: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
