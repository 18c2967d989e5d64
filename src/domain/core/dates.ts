/**
 * Calendar dates as ISO strings ("2026-11-23") and as Excel serial numbers.
 * Dates carry no time or zone: a finding discovered on 3 March is due on the
 * same calendar day wherever the workbook is opened.
 */
export type IsoDate = string;

const MS_PER_DAY = 86_400_000;
/** Excel's day 0 in the 1900 date system, chosen so that serials from 1900-03-01 on are right. */
const EPOCH = Date.UTC(1899, 11, 30);
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(text: string): boolean {
  const match = ISO.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function utcMillis(date: IsoDate): number {
  if (!isIsoDate(date)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
  const [year, month, day] = date.split("-").map(Number);
  return Date.UTC(year, month - 1, day);
}

/** The Excel serial number of a date: 2026-11-23 is 46349. */
export function toSerial(date: IsoDate): number {
  return Math.round((utcMillis(date) - EPOCH) / MS_PER_DAY);
}

/** Excel's last date, 9999-12-31, as a serial. */
export const MAX_DATE_SERIAL = 2_958_465;

/** Whether `value` is a serial Excel shows as a date: from day 1 (1900-01-01) to 9999-12-31, fractions of a day allowed. */
export function isDateSerial(value: number): boolean {
  return Number.isFinite(value) && value >= 1 && value < MAX_DATE_SERIAL + 1;
}

/** The date of an Excel serial; check it with `isDateSerial` first, as a serial out of Excel's range has no date. */
export function fromSerial(serial: number): IsoDate {
  return new Date(EPOCH + Math.floor(serial) * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromSerial(toSerial(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toSerial(to) - toSerial(from);
}

/** Today's date where the code runs, in the local calendar. */
export function localToday(now: Date = new Date()): IsoDate {
  const month = String(now.getMonth() + 1).padStart(2, "0");
  const day = String(now.getDate()).padStart(2, "0");
  return `${now.getFullYear()}-${month}-${day}`;
}

/** An Excel serial date-time (days and fraction of a day) for a moment, in the local calendar. */
export function toSerialDateTime(moment: Date): number {
  const day = toSerial(localToday(moment));
  const seconds = moment.getHours() * 3600 + moment.getMinutes() * 60 + moment.getSeconds();
  return day + seconds / 86_400;
}

/** "2026-11-23 14:05" for an Excel serial date-time. */
export function formatSerialDateTime(serial: number): string {
  const minutes = Math.round((serial - Math.floor(serial)) * 24 * 60);
  const day = fromSerial(Math.floor(serial) + Math.floor(minutes / 1440));
  const rest = minutes % 1440;
  return `${day} ${String(Math.floor(rest / 60)).padStart(2, "0")}:${String(rest % 60).padStart(2, "0")}`;
}
