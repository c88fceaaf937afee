/**
 * Dates as a reader expects them: "3 February 2022". The formatters are made
 * once: toLocaleDateString builds a new one per call, which costs seconds over
 * a 10,000-article library.
 */
const OPTIONS = { day: 'numeric', month: 'long', year: 'numeric' } as const;
let local: Intl.DateTimeFormat | undefined;
let utc: Intl.DateTimeFormat | undefined;

export function formatDate(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  // A bare date is a calendar day: show it as written, whatever the time zone.
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  const f = dateOnly
    ? (utc ??= new Intl.DateTimeFormat('en-GB', { ...OPTIONS, timeZone: 'UTC' }))
    : (local ??= new Intl.DateTimeFormat('en-GB', OPTIONS));
  return f.format(d);
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
