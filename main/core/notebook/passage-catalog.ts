/**
 * Every passage of the library, held in main for the notebook: read once
 * (10,000 notes files take seconds), then kept in step with the store's
 * change events (an article whose notes changed is read again, alone, at the
 * next request), so each window the notebook asks for is a filter and a slice
 * in memory. The last filter's sorted list is kept, so scrolling through it
 * filters nothing again, and so are the articles' dates and sources and the
 * filter menus, until the next change. The renderer receives only the window it shows.
 */
import type { Annotation, ParsedRequest, PassagePage } from '../contract';
import type { Store } from '../store/index';
import {
  articleOrder,
  EVERY_PASSAGE,
  filterChoices,
  filterPassages,
  isEveryPassageByArticle,
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
  private flat: { version: number; list: Annotation[] } | null = null;
  private filtered: { version: number; key: string; list: Annotation[] } | null = null;
  // Read from the library index's 10,000 entries: 5 ms a request, so kept until the next change.
  private info: { version: number; map: Map<string, PassageArticle> } | null = null;
  private menus: { version: number; choices: NonNullable<PassagePage['choices']> } | null = null;
  private readonly unsubscribe: () => void;

  constructor(private readonly store: Store) {
    this.unsubscribe = store.onChange((change) => {
      this.version++;
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
    const articles = this.articleInfo();
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
    const info = new Map<string, PassageArticle>();
    let all = 0;
    for (const [id, n] of counts) {
      const e = n > 0 ? this.store.articleEntry(id) : undefined;
      if (!e) continue;
      info.set(id, { source: e.source, published: e.published, importedAt: e.importedAt });
      all += n;
    }
    const reached: string[] = [];
    let rows = 0;
    for (const id of [...info.keys()].sort(articleOrder(info))) {
      if (rows >= req.offset + req.limit) break;
      reached.push(id);
      rows += counts.get(id)!;
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

  /** The filter menus' articles and sources (those with passages), sorted once per change. */
  private choices(): NonNullable<PassagePage['choices']> {
    if (this.menus?.version === this.version) return this.menus.choices;
    const withPassages = [...this.byArticle!.keys()].flatMap((id) => {
      const e = this.store.articleEntry(id);
      return e ? [{ id, title: e.title, source: e.source }] : [];
    });
    const choices = filterChoices(withPassages);
    this.menus = {
      version: this.version,
      choices: {
        articles: choices.articles.map(({ id, title }) => ({ id, title })),
        sources: choices.sources,
      },
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
    const list = filterPassages(all, articles, filter);
    this.filtered = { version: this.version, key, list };
    return list;
  }

  /** What the filters read of each article, from the library index (no article file is read). */
  private articleInfo(): Map<string, PassageArticle> {
    if (this.info?.version === this.version) return this.info.map;
    const info = new Map<string, PassageArticle>();
    for (const id of this.byArticle!.keys()) {
      const e = this.store.articleEntry(id);
      if (e) info.set(id, { source: e.source, published: e.published, importedAt: e.importedAt });
    }
    this.info = { version: this.version, map: info };
    return info;
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
      const list: Annotation[] = [];
      for (const passages of byArticle.values()) for (const a of passages) list.push(a);
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
      return byArticle;
    })().finally(() => (this.loading = null));
    return this.loading;
  }
}
