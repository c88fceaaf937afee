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
 */
import type { Annotation, ParsedRequest, PassagePage } from '../contract';
import type { Store } from '../store/index';
import {
  articleOrder,
  byPlace,
  EVERY_PASSAGE,
  filterPassages,
  isEveryPassageByArticle,
  keepPassages,
  sortPassages,
  type PassageArticle,
} from './passage-filter';
import { summariesOf } from '../service/library';

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
  private filtered: { version: number; key: string; list: Annotation[] } | null = null;
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
    const all = await this.all();
    const articles = this.articles().info;
    let list: Annotation[];
    if (req.only) {
      const only = new Set(req.only);
      list = filterPassages(
        all.filter((a) => only.has(a.id)),
        articles,
        { ...EVERY_PASSAGE, sort: req.filter.sort },
      );
    } else list = this.filteredList(all, articles, req.filter);
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
  ): Annotation[] {
    const key = JSON.stringify(filter);
    if (this.filtered?.version === this.version && this.filtered.key === key) return this.filtered.list;
    // Held in article order: kept in it by the filter, sorted only for another order.
    const kept = isEveryPassageByArticle(filter) ? all : keepPassages(all, articles, filter);
    const list = filter.sort === 'article' ? kept : sortPassages(kept, articles, filter.sort);
    this.filtered = { version: this.version, key, list };
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
      return byArticle;
    })().finally(() => (this.loading = null));
    return this.loading;
  }
}
