/**
 * The headline and the site, chosen the way a careful reader would: a page's
 * <title> and og:title usually carry the site's name (" - BBC News", "The
 * Guardian | "), and some are the site's generic title ("Yahoo News - Latest
 * News & Headlines") while the <h1> holds the story's own headline. The
 * headline is the <h1> (or JSON-LD headline) when it agrees with a title
 * minus the site's name, never a generic title; the name cut off is the source.
 */

/** " - ", " | ", " — ", " – ", " :: ", " · ", " » " between a headline and a site's name. */
const SEPARATOR = /\s+(?:[-|–—·•»]|::)\s+/g;
const GENERIC =
  /\b(?:latest|breaking|top|today'?s)\s+(?:news|stories|headlines)\b|\bnews\s*(?:&|and)\s*headlines\b|^(?:home|homepage|home page|front page|news|index|untitled|welcome)\b/i;

const fold = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** The same site, spelled with or without its domain or a "News" ("BBC" / "BBC News" / "bbc.co.uk"). */
function sameSite(a: string, b: string): boolean {
  const x = fold(a);
  const y = fold(b);
  if (!x || !y) return false;
  if (x === y) return true;
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  return short.length >= 3 && (long.startsWith(short + ' ') || long.endsWith(' ' + short));
}

/** `title` without a site's name at its end or start; the name found, if any. */
export function splitSiteName(title: string, sites: readonly string[]): { title: string; site?: string } {
  const seps = [...title.matchAll(SEPARATOR)];
  if (seps.length === 0) return { title };
  const last = seps[seps.length - 1];
  const tail = title.slice(last.index + last[0].length).trim();
  const headOfTail = title.slice(0, last.index).trim();
  const first = seps[0];
  const lead = title.slice(0, first.index).trim();
  const rest = title.slice(first.index + first[0].length).trim();
  if (sites.some((s) => sameSite(s, tail))) return { title: headOfTail, site: tail };
  if (sites.some((s) => sameSite(s, lead))) return { title: rest, site: lead };
  // No known site: a short last part after a much longer headline is the site ("… - BBC News").
  if (
    sites.length === 0 &&
    tail.split(/\s+/).length <= 4 &&
    tail.length <= 30 &&
    headOfTail.length > tail.length * 1.5
  )
    return { title: headOfTail, site: tail };
  return { title };
}

/** Words two titles share, against the shorter one's: 1 when one contains the other. */
function agreement(a: string, b: string): number {
  const x = fold(a);
  const y = fold(b);
  if (!x || !y) return 0;
  if (x === y || x.includes(y) || y.includes(x)) return 1;
  const wx = new Set(x.split(' '));
  const wy = new Set(y.split(' '));
  let shared = 0;
  for (const w of wx) if (wy.has(w)) shared++;
  return shared / Math.min(wx.size, wy.size);
}

export interface HeadlineInput {
  /** JSON-LD headline, og:title, twitter:title, <title>: in that order of trust. */
  ldHeadline?: string;
  ogTitle?: string;
  twitterTitle?: string;
  docTitle?: string;
  /** The page's <h1> texts, the article's own first. */
  h1s: readonly string[];
  /** og:site_name, application-name, JSON-LD publisher. */
  siteNames: readonly string[];
}

export function isGenericTitle(title: string, sites: readonly string[]): boolean {
  return GENERIC.test(title.trim()) || sites.some((s) => sameSite(s, title));
}

/** The headline and the site's name ("source") as a reader would cite them. */
export function chooseHeadline(input: HeadlineInput): { title?: string; site?: string } {
  const sites = input.siteNames.filter(Boolean);
  let site: string | undefined = sites[0];
  const titles: string[] = [];
  /** Names a generic title gives away: "Yahoo News" in "Yahoo News - Latest News & Headlines". */
  const named: string[] = [];
  for (const raw of [input.ldHeadline, input.ogTitle, input.twitterTitle, input.docTitle]) {
    if (!raw?.trim()) continue;
    if (isGenericTitle(raw, sites)) {
      for (const part of raw.split(SEPARATOR))
        if (part.trim() && !GENERIC.test(part.trim())) named.push(part.trim());
      continue;
    }
    const split = splitSiteName(raw.trim(), sites);
    site ??= split.site;
    if (split.title && !isGenericTitle(split.title, sites)) titles.push(split.title);
  }
  // Site names seen in the titles count for the h1s too ("BBC News" as a logo's h1).
  site ??= named[0];
  const known = [...sites, ...named, ...(site ? [site] : [])];
  const h1s = input.h1s.map((h) => h.trim()).filter((h) => h && !isGenericTitle(h, known));
  for (const h1 of h1s) if (titles.some((t) => agreement(h1, t) >= 0.6)) return { title: h1, site };
  if (titles.length) return { title: titles[0], site };
  return { title: h1s[0], site };
}
