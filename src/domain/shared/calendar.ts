/*
 * Calendar dates as ISO strings (YYYY-MM-DD): due dates and the day a policy runs for are days in
 * the provider's time zone, not instants.
 */

const DAY_MS = 86_400_000;

/** The day `at` falls on in `timeZone` (e.g. America/Sao_Paulo). */
export function calendarDate(at: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

const utcMidnight = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number =>
  Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);

/** The date `days` days after `date`. */
export const addDays = (date: string, days: number): string =>
  new Date(utcMidnight(date) + days * DAY_MS).toISOString().slice(0, 10);

/** Whether `timeZone` is one the runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** A date as Brazilians write it: DD/MM/YYYY. */
export const brazilianDate = (isoDate: string) =>
  `${isoDate.slice(8, 10)}/${isoDate.slice(5, 7)}/${isoDate.slice(0, 4)}`;
