/**
 * Every passage of the library, held in main for the notebook: read once
 * (10,000 notes files take seconds), then kept in step with the store's
 * change events (an article whose notes changed is read again, alone, at the
 * next request), so each window the notebook asks for is a filter and a slice
 * in memory. The last filter's sorted list is kept, so scrolling through it
 * filters nothing again, and so are the filter menus, until the next change.
 * The articles' dates, their order and their titles' order are kept until an
 * article changes (10,000 entries: a passage's edit does not sort them again),
 * and every passage is held in article order, so a filter in that order sorts
 * nothing. The renderer receives only the window it shows.
 *
 * The text filter reads each passage's quote and note folded (case and
 * accents off), which for 100,000 passages is a second of work: it is done a
 * chunk at a time, answering other requests between chunks, right after the
 * catalogue is read (so the first word typed usually finds it done) or at the
 * first text filter, whichever comes first. A word typed on narrows the last
 * list rather than every passage.
 */
import type { Annotation, ParsedRequest, PassagePage } from '../contract';
import type { Store } from '../store/index';
import {
  articleOrder,
  byPlace,
  EVERY_PASSAGE,
  filterPassages,
  foldText,
  haystack,
  isEveryPassageByArticle,
  keepPassages,
  sortPassages,
  type PassageArticle,
} from './passage-filter';
import { summariesOf } from '../service/library';

/** Passages folded between two turns of the event loop: a few milliseconds of main's time. */
export const FOLD_CHUNK = 2000;

/**
 * Folds every passage's text (haystack), a chunk at a time, giving the event loop a turn between chunks;
 * answers them by index (null when stopped).
 */
export async function foldInChunks(
  list: readonly Annotation[],
  stop: () => boolean = () => false,
  chunk = FOLD_CHUNK,
): Promise<string[] | null> {
  const texts = new Array<string>(list.length);
  for (let i = 0; i < list.length; i += chunk) {
    if (i > 0) {
      await new Promise((next) => setImmediate(next));
      if (stop()) return null;
    }
    const end = Math.min(list.length, i + chunk);
    for (let j = i; j < end; j++) texts[j] = haystack(list[j]);
  }
  return texts;
}

const hasText = (filter: { text: string }) => foldText(filter.text).trim() !== '';

export class PassageCatalog {
  private byArticle: Map<string, Annotation[]> | null = null;
  private loading: Promise<Map<string, Annotation[]>> | null = null;
  /** Articles whose passages changed since they were read. */
  private readonly stale = new Set<string>();
  /** Bumped at every change: cached lists older than it are dropped. */
  private version = 0;
  /** Bumped when an article is added, changed or removed (not when only its passages change). */
  private articlesVersion = 0;
  /** Every passage, in article order. */
  private flat: { version: number; list: Annotation[] } | null = null;
  /**
   * The last filter's list, of the passages in `from` (every passage as it was then); `rest` is the filter
   * but its text, `text` its text folded (a word typed on narrows it).
   */
  private filtered: {
    from: readonly Annotation[];
    key: string;
    rest: string;
    text: string;
    list: Annotation[];
  } | null = null;
  /** Every passage's text folded for the text filter, in chunks (see foldInChunks), once per change. */
  private folding: { list: readonly Annotation[]; done: Promise<string[] | null> } | null = null;
  private closed = false;
  /**
   * Every listed article's dates and source (from the library index's 10,000 entries), its ids in
   * article order and by title: kept until an article changes.
   */
  private library: {
    version: number;
    info: Map<string, PassageArticle>;
    order: string[];
    byTitle: Array<{ id: string; title: string; source?: string }>;
  } | null = null;
  private menus: { version: number; choices: NonNullable<PassagePage['choices']> } | null = null;
  /** Each article's passages by their place in the text (a list is replaced, never changed, when they change). */
  private readonly placed = new WeakMap<readonly Annotation[], Annotation[]>();
  private readonly unsubscribe: () => void;

  constructor(private readonly store: Store) {
    this.unsubscribe = store.onChange((change) => {
      this.version++;
      if (change.kind !== 'notes') this.articlesVersion++;
      this.stale.add(change.kind === 'notes' ? change.articleId : change.id);
    });
  }

  close(): void {
    this.closed = true;
    this.unsubscribe();
  }

  async page(req: ParsedRequest<'listPassages'>): Promise<PassagePage> {
    if (
      !this.byArticle &&
      !req.only &&
      !req.ids &&
      !req.holding &&
      !req.choices &&
      isEveryPassageByArticle(req.filter)
    )
      return this.earlyWindow(req);
    let all = await this.all();
    let texts: string[] | null = null;
    if (!req.only && hasText(req.filter)) {
      texts = await this.foldAll(all);
      const now = await this.all();
      // A change meanwhile: the texts no longer line up; its few new passages are folded as they are filtered.
      if (now !== all) [all, texts] = [now, null];
    }
    const articles = this.articles().info;
    let list: Annotation[];
    if (req.only) {
      const only = new Set(req.only);
      list = filterPassages(
        all.filter((a) => only.has(a.id)),
        articles,
        { ...EVERY_PASSAGE, sort: req.filter.sort },
      );
    } else list = this.filteredList(all, articles, req.filter, texts ?? undefined);
    const passages = list.slice(req.offset, req.offset + req.limit);
    const page: PassagePage = {
      total: list.length,
      all: all.length,
      offset: req.offset,
      passages,
      articles: await summariesOf(this.store, [...new Set(passages.map((a) => a.articleId))]),
    };
    if (req.ids) page.ids = list.map((a) => a.id);
    if (req.holding) page.holding = [...new Set(list.map((a) => a.articleId))];
    if (req.choices) page.choices = this.choices();
    return page;
  }

  /**
   * A window of every passage in article order before the catalogue is read (10,000 notes files take
   * seconds: the notebook's first screen waited for them all): the articles in that order with their
   * counts from the notes index, and only the notes files the window reaches. The whole catalogue
   * loads meanwhile, for the next request.
   */
  private async earlyWindow(req: ParsedRequest<'listPassages'>): Promise<PassagePage> {
    void this.load().catch(() => {}); // a failure is the next request's to report
    const counts = await this.store.annotationCounts();
    const { info, order } = this.articles();
    let all = 0;
    for (const n of counts.values()) all += n;
    const reached: string[] = [];
    let rows = 0;
    for (const id of order) {
      if (rows >= req.offset + req.limit) break;
      const n = counts.get(id) ?? 0;
      if (n === 0) continue;
      reached.push(id);
      rows += n;
    }
    const lists = await Promise.all(reached.map((id) => this.store.listAnnotations(id).catch(() => [])));
    const passages = sortPassages(lists.flat(), info, 'article').slice(req.offset, req.offset + req.limit);
    return {
      total: all,
      all,
      offset: req.offset,
      passages,
      articles: await summariesOf(this.store, [...new Set(passages.map((a) => a.articleId))]),
    };
  }

  /** The filter menus' articles and sources (those with passages), by title, once per change. */
  private choices(): NonNullable<PassagePage['choices']> {
    if (this.menus?.version === this.version) return this.menus.choices;
    const articles: Array<{ id: string; title: string }> = [];
    const sources = new Set<string>();
    for (const { id, title, source } of this.articles().byTitle) {
      if (!this.byArticle!.has(id)) continue;
      articles.push({ id, title });
      if (source) sources.add(source);
    }
    this.menus = {
      version: this.version,
      choices: { articles, sources: [...sources].sort((a, b) => a.localeCompare(b)) },
    };
    return this.menus.choices;
  }

  private filteredList(
    all: Annotation[],
    articles: ReadonlyMap<string, PassageArticle>,
    filter: ParsedRequest<'listPassages'>['filter'],
    texts?: readonly string[],
  ): Annotation[] {
    const key = JSON.stringify(filter);
    const last = this.filtered?.from === all ? this.filtered : null;
    if (last?.key === key) return last.list;
    const rest = JSON.stringify({ ...filter, text: '' });
    const text = foldText(filter.text);
    let list: Annotation[];
    if (last?.rest === rest && text.startsWith(last.text)) {
      // Typed on: every word of the last text is in this one or starts one, so what passes is among what passed (in order).
      list = keepPassages(last.list, articles, filter);
    } else {
      // Held in article order: kept in it by the filter, sorted only for another order.
      const kept = isEveryPassageByArticle(filter) ? all : keepPassages(all, articles, filter, texts);
      list = filter.sort === 'article' ? kept : sortPassages(kept, articles, filter.sort);
    }
    this.filtered = { from: all, key, rest, text, list };
    return list;
  }

  /** What the filters read of each listed article, its order and its title's (no article file is read). */
  private articles(): NonNullable<PassageCatalog['library']> {
    if (this.library?.version === this.articlesVersion) return this.library;
    const info = new Map<string, PassageArticle>();
    const byTitle: Array<{ id: string; title: string; source?: string }> = [];
    for (const e of this.store.listArticles()) {
      info.set(e.id, { source: e.source, published: e.published, importedAt: e.importedAt });
      byTitle.push({ id: e.id, title: e.title, source: e.source });
    }
    byTitle.sort((a, b) => a.title.localeCompare(b.title));
    const order = [...info.keys()].sort(articleOrder(info));
    this.library = { version: this.articlesVersion, info, order, byTitle };
    return this.library;
  }

  /** Every passage's text folded, by its index in `all` (shared by the requests that wait for it; once per change). */
  private foldAll(all: readonly Annotation[]): Promise<string[] | null> {
    if (this.folding?.list === all) return this.folding.done;
    // Stopped when closed, or when a change made a new list to fold (its requests then fold as they filter).
    const done = foldInChunks(all, () => this.closed || this.folding?.done !== done);
    this.folding = { list: all, done };
    return done;
  }

  /** Every passage, read once and refreshed where the store changed. */
  private async all(): Promise<Annotation[]> {
    const byArticle = await this.load();
    while (this.stale.size > 0) {
      const ids = [...this.stale];
      this.stale.clear();
      for (const id of ids) {
        const list = this.store.hasArticle(id) ? await this.store.listAnnotations(id).catch(() => []) : [];
        if (list.length) byArticle.set(id, list);
        else byArticle.delete(id);
      }
    }
    if (this.flat?.version !== this.version) {
      const { info, order } = this.articles();
      const list: Annotation[] = [];
      const add = (passages: readonly Annotation[]) => {
        let inPlace = this.placed.get(passages);
        if (!inPlace) this.placed.set(passages, (inPlace = [...passages].sort(byPlace)));
        for (const a of inPlace) list.push(a);
      };
      for (const id of order) {
        const passages = byArticle.get(id);
        if (passages) add(passages);
      }
      // Passages of an article the library does not list (yet): last, as article order puts them.
      const unlisted = [...byArticle.keys()].filter((id) => !info.has(id)).sort();
      for (const id of unlisted) add(byArticle.get(id)!);
      this.flat = { version: this.version, list };
    }
    return this.flat.list;
  }

  private async load(): Promise<Map<string, Annotation[]>> {
    if (this.byArticle) return this.byArticle;
    this.loading ??= (async () => {
      const byArticle = new Map<string, Annotation[]>();
      for await (const { articleId, annotations } of this.store.allAnnotations())
        if (annotations.length) byArticle.set(articleId, annotations);
      this.byArticle = byArticle;
      this.version++;
      this.articlesVersion++;
      // The text filter's folding, off the first screen's path: after the requests waiting for this load.
      setImmediate(() => {
        if (!this.closed)
          void this.all().then(
            (all) => this.foldAll(all),
            () => {},
          );
      });
      return byArticle;
    })().finally(() => (this.loading = null));
    return this.loading;
  }
}
