/**
 * The "Added on" dates of Kindle clippings, in every language a Kindle writes
 * them: "Sunday, March 3, 2019 10:13:55 PM", "dimanche 3 mars 2019 22:13:55",
 * "Sonntag, 3. März 2019 22:13:55", "2019年3月3日 日曜日 22:13:55",
 * "2019年3月3日星期日 下午10:13:55". The Kindle writes the device's local time
 * without a zone; it is kept as written, stamped UTC, so it sorts and shows
 * as the reader saw it.
 */

const MONTH_NAMES: string[][] = [
  // en, fr, de, es, it, pt, nl — accents removed, lower case.
  ['january', 'janvier', 'januar', 'enero', 'gennaio', 'janeiro', 'januari'],
  ['february', 'fevrier', 'februar', 'febrero', 'febbraio', 'fevereiro', 'februari'],
  ['march', 'mars', 'marz', 'marzo', 'marco', 'maart'],
  ['april', 'avril', 'abril', 'aprile'],
  ['may', 'mai', 'mayo', 'maggio', 'maio', 'mei'],
  ['june', 'juin', 'juni', 'junio', 'giugno', 'junho'],
  ['july', 'juillet', 'juli', 'julio', 'luglio', 'julho'],
  ['august', 'aout', 'agosto', 'augustus'],
  ['september', 'septembre', 'septiembre', 'setiembre', 'settembre', 'setembro'],
  ['october', 'octobre', 'oktober', 'octubre', 'ottobre', 'outubro'],
  ['november', 'novembre', 'noviembre', 'novembro'],
  ['december', 'decembre', 'dezember', 'diciembre', 'dicembre', 'dezembro'],
];
const MONTHS = new Map(MONTH_NAMES.flatMap((names, i) => names.map((n) => [n, i + 1] as const)));

const plain = (word: string) => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

const pad = (n: number) => String(n).padStart(2, '0');

function iso(y: number, mo: number, d: number, h: number, mi: number, s: number): string | undefined {
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // Reject what Date would silently roll over (31 February).
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || s > 59)
    return undefined;
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}.000Z`;
}

/** 12-hour clocks: "PM", "p.m.", 下午 / 午後 (afternoon), 上午 / 午前 (morning). */
function to24(hour: number, marker: string | undefined): number {
  if (!marker) return hour;
  const pm = /^(p|下午|午後)/i.test(marker.replace(/\./g, ''));
  if (pm) return hour === 12 ? 12 : hour + 12;
  return hour === 12 ? 0 : hour;
}

/** The date in a clipping's header (after "Added on" or its translation), or undefined. */
export function parseKindleDate(written: string): string | undefined {
  const cjk =
    /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日.*?(上午|下午|午前|午後)?\s*(\d{1,2}):(\d{2})(?::(\d{2}))?/u.exec(
      written,
    );
  if (cjk) {
    const [, y, mo, d, marker, h, mi, s] = cjk;
    return iso(+y, +mo, +d, to24(+h, marker), +mi, +(s ?? 0));
  }
  const time = /(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?\s?m\.?)?/i.exec(written);
  const rest = time ? written.replace(time[0], ' ') : written;
  const year = /\b(\d{4})\b/.exec(rest);
  const month = (rest.match(/\p{L}+/gu) ?? []).map((w) => MONTHS.get(plain(w))).find((m) => m !== undefined);
  const day = /\b(\d{1,2})\b/.exec(rest.replace(year?.[0] ?? '', ' '));
  if (!year || !month || !day) return undefined;
  const hour = time ? to24(+time[1], time[4]) : 0;
  return iso(+year[1], month, +day[1], hour, time ? +time[2] : 0, time ? +(time[3] ?? 0) : 0);
}
