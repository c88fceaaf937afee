/**
 * Author names out of whatever a page calls its author: "By Jane Doe",
 * "Lucas Nolan22 Dec 2016651" (a date and a comment count glued on), "Nathan
 * Willis March 25, 2015", "http://www.liberation.fr/auteur/2005-afp" (a
 * profile URL), "Jane Doe and John Roe, Staff Writers". Names only: several
 * are kept apart, in order, once each; what is not a name is dropped.
 */

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const LEAD =
  /^(?:(?:written|words|posted|reported|story|text|report)\s+by|by|author|authors|von|par|por|di|door)\b[\s:]*/i;
/** Words that end a byline before a date: "Updated", "Published", "on", a weekday, a month. */
const TRAILING_NOISE = new RegExp(
  `(?:[\\s,|·•–—-]+(?:updated|published|posted|last updated|on|at|${MONTH}\\.?|(?:mon|tues|wednes|thurs|fri|satur|sun)day))+[\\s,|·•–—-]*$`,
  'i',
);
const ROLE =
  /^(?:(?:senior|chief|staff|special|foreign|political|science|health|business|sports?|technology|tech|investigative|national|local|contributing|guest|associate|managing|deputy|executive)\s+)*(?:writer|reporter|correspondent|editor|contributor|columnist|journalist|producer|author|staff|team|desk)s?$/i;
const SEPARATORS = /\s*(?:,|;|&|\+|\band\b|\bund\b|\bet\b|\s\|\s|\s[·•]\s)\s*/i;
const SHORT_AGENCY = /^[a-z]{2,5}$/i;

const titleCase = (w: string): string => (w ? w[0].toUpperCase() + w.slice(1).toLowerCase() : w);

/** A profile URL's last path segment as a name ("jane-doe" → "Jane Doe", "2005-afp" → "AFP"), or nothing. */
function nameFromUrl(raw: string): string | undefined {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return undefined;
  }
  const segment = u.pathname.split('/').filter(Boolean).pop() ?? '';
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // As written.
  }
  const words = decoded
    .replace(/\.[a-z]{2,5}$/i, '')
    .split(/[-_+.\s]+/)
    .filter((w) => w && !/\d/.test(w));
  if (words.length === 0 || !words.every((w) => /^\p{L}+$/u.test(w))) return undefined;
  if (words.length === 1) return SHORT_AGENCY.test(words[0]) ? words[0].toUpperCase() : undefined;
  return words.length <= 4 ? words.map(titleCase).join(' ') : undefined;
}

/** One name as printed, tidied, or undefined when what is left is not a name. */
function tidyName(s: string): string | undefined {
  let t = s
    .replace(/\S+@\S+\.\S+/g, ' ')
    .replace(/(?:^|\s)@\w+/g, ' ')
    .replace(/\b(?:follow(?:\s+on\s+\w+)?|email|twitter|facebook)\b.*$/i, '')
    .replace(/\s+/g, ' ')
    .trim();
  t = t
    .replace(LEAD, '')
    .replace(TRAILING_NOISE, '')
    .replace(/^[\s,.:;|·•–—-]+|[\s,.:;|·•–—-]+$/g, '');
  if (!t || t.length < 2 || t.length > 60 || /\d/.test(t) || ROLE.test(t)) return undefined;
  if (t.split(' ').length > 6 || !/\p{L}/u.test(t)) return undefined;
  return t;
}

/** The names in one byline string. */
export function authorNames(raw: string): string[] {
  let s = raw.replace(/\s+/g, ' ').trim();
  if (!s) return [];
  if (/^https?:\/\//i.test(s)) {
    const name = nameFromUrl(s);
    return name ? [name] : [];
  }
  s = s.replace(LEAD, '');
  // A date or a count glued on: names have no digits, so everything from the first one is not the name.
  const digit = s.search(/\d/);
  if (digit >= 0) s = s.slice(0, digit);
  s = s.replace(TRAILING_NOISE, '');
  const names: string[] = [];
  for (const part of s.split(SEPARATORS)) {
    const name = tidyName(part);
    if (name && !names.some((n) => n.toLowerCase() === name.toLowerCase())) names.push(name);
  }
  return names;
}

/** The first candidate that yields names, as a byline ("Jane Doe, John Roe"), or undefined. */
export function chooseByline(
  candidates: ReadonlyArray<string | readonly string[] | undefined>,
): string | undefined {
  for (const c of candidates) {
    if (!c) continue;
    const names: string[] = [];
    for (const one of typeof c === 'string' ? [c] : c)
      for (const n of authorNames(one))
        if (!names.some((m) => m.toLowerCase() === n.toLowerCase())) names.push(n);
    if (names.length) return names.join(', ');
  }
  return undefined;
}
