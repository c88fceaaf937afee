/**
 * The open article's versions and its review queue: the version menu's list,
 * the badge count, the compare and review dialogs, re-selecting a passage's
 * words in the new text, and undo of review answers (each answer is undone by
 * putting the annotation back as it was: restoreAnnotations).
 */
import type {
  Annotation,
  Article,
  ArticleVersions,
  ImportReport,
  ReviewItem,
  VersionComparison,
  VersionSeparated,
} from '@core/contract';
import { createStore } from '../store';
import { tagsChanged } from '../ui/tagList';
import { gloss } from '../gloss';
import { showError, showInfo } from '../app/toasts';
import { loadAnnotations } from '../annotations/annotationsStore';
import { openArticle, readerStore } from '../reader/readerStore';
import { refreshLibrary } from '../library/libraryStore';

export type ReviewAction = 'accept' | 'keep-old' | 'reselect' | 'delete';
type PossibleVersion = NonNullable<ImportReport['possibleVersions']>[number];

/** One answer, as it can be undone: the annotation before it (and whether the answer deleted it). */
interface Answered {
  before: Annotation;
  action: ReviewAction;
}

export const versionsStore = createStore({
  articleId: null as string | null,
  versions: null as ArticleVersions | null,
  review: [] as ReviewItem[],
  /** Only the review's first screen has arrived (the title counts from the versions' inReview until the rest does). */
  reviewPartial: false,
  /** Which dialog is open. */
  open: null as null | 'review' | 'compare',
  comparison: null as VersionComparison | null,
  /** The review item whose words are being chosen again in the reader. */
  reselecting: null as ReviewItem | null,
  undo: [] as Answered[],
  /** An older version open in the reader, read only (its text checked against its hash by main). */
  viewing: null as null | {
    articleId: string;
    version: string;
    /** 1 = the oldest. */
    number: number;
    importedAt: string;
    article: Article;
  },
  /** An import that may be a new version of an article: the user is asked. */
  asking: null as PossibleVersion | null,
  /** Those of the same import (or a later one) still to ask about, in turn; `asked` counts the answered. */
  toAsk: [] as PossibleVersion[],
  asked: 0,
});

/** The open article's versions and review count (the menu and its badge). */
export async function loadVersions(articleId: string): Promise<void> {
  if (versionsStore.get().articleId !== articleId)
    versionsStore.set({ articleId, versions: null, review: [], undo: [], open: null, reselecting: null });
  try {
    const versions = await gloss().listVersions({ articleId });
    if (versionsStore.get().articleId === articleId) versionsStore.set({ versions });
  } catch {
    /* the menu is a nicety: the article itself still reads */
  }
}

/** Items the review dialog's first screen can show: asked for first, so it opens at once on 1,000. */
export const REVIEW_FIRST_SCREEN = 30;

/** The review: its first screen at once, the rest right after (unless an answer changed the list meanwhile). */
export async function openReview(): Promise<void> {
  const { articleId } = versionsStore.get();
  if (!articleId) return;
  try {
    const first = await gloss().listReview({ articleId, limit: REVIEW_FIRST_SCREEN });
    const partial = first.length === REVIEW_FIRST_SCREEN;
    versionsStore.set({ review: first, reviewPartial: partial, open: 'review', reselecting: null });
    if (!partial) return;
    const all = await gloss().listReview({ articleId });
    const s = versionsStore.get();
    if (s.articleId === articleId && s.review === first)
      versionsStore.set({ review: all, reviewPartial: false });
  } catch (err) {
    showError(err);
  }
}

export async function openCompare(from?: string, to?: string): Promise<void> {
  const { articleId, versions } = versionsStore.get();
  if (!articleId || !versions || versions.versions.length < 2) return;
  const list = versions.versions;
  try {
    const comparison = await gloss().compareVersions({
      articleId,
      from: from ?? list[list.length - 2].hash,
      to: to ?? versions.current,
    });
    versionsStore.set({ comparison, open: 'compare' });
  } catch (err) {
    showError(err);
  }
}

/** Open an older version read only, in place of the current text. */
export async function openOldVersion(version: string): Promise<void> {
  const { articleId, versions } = versionsStore.get();
  const i = versions?.versions.findIndex((v) => v.hash === version) ?? -1;
  if (!articleId || !versions || i < 0) return;
  if (versions.versions[i].current) return closeOldVersion();
  try {
    const article = await gloss().getArticleVersion({ articleId, version });
    if (versionsStore.get().articleId !== articleId) return;
    versionsStore.set({
      viewing: { articleId, version, number: i + 1, importedAt: versions.versions[i].importedAt, article },
    });
  } catch (err) {
    showError(err);
  }
}

export function closeOldVersion(): void {
  if (versionsStore.get().viewing) versionsStore.set({ viewing: null });
}

// Another article (or the same one opened again, or a new version of it shown): its current text.
let shownArticle: Article | null = null;
readerStore.subscribe(() => {
  const { article } = readerStore.get();
  if (article === shownArticle) return;
  shownArticle = article;
  closeOldVersion();
});

export function closeVersionsDialog(): void {
  versionsStore.set({ open: null, comparison: null });
}

/** After any answer: the reader's marks, the list and the badge show it. */
async function refreshAfterAnswer(articleId: string): Promise<void> {
  const [review] = await Promise.all([gloss().listReview({ articleId }), loadVersions(articleId)]);
  versionsStore.set({ review, reviewPartial: false });
  await loadAnnotations(articleId);
}

/** Answers and their undoing run one at a time, in the order given: an undo pressed at once waits for its answer. */
let queue: Promise<unknown> = Promise.resolve();
function serial(work: () => Promise<void>): Promise<void> {
  const run = queue.then(work, work);
  queue = run.catch(() => undefined);
  return run;
}

export function answerReview(item: ReviewItem, action: ReviewAction): Promise<void> {
  const { articleId } = versionsStore.get();
  if (!articleId) return Promise.resolve();
  if (action === 'reselect') {
    // The words are chosen in the reader: the dialog steps aside until they are.
    versionsStore.set({ reselecting: item, open: null });
    return Promise.resolve();
  }
  // Shown at once, and undoable at once; put back if main refuses.
  const answered: Answered = { before: item.annotation, action };
  versionsStore.set((s) => ({
    review: s.review.filter((r) => r.annotation.id !== item.annotation.id),
    undo: [...s.undo, answered],
  }));
  return serial(async () => {
    try {
      if (action === 'delete') {
        await gloss().deleteAnnotation({ articleId, id: item.annotation.id });
        if (item.annotation.tags.length) tagsChanged();
      } else await gloss().resolveReview({ articleId, id: item.annotation.id, action });
    } catch (err) {
      versionsStore.set((s) => ({ undo: s.undo.filter((u) => u !== answered) }));
      showError(err);
    }
    await refreshAfterAnswer(articleId).catch(showError);
  });
}

/** The words selected in the reader become the passage of the item being re-selected. */
export async function applyReselection(): Promise<void> {
  const { articleId, reselecting } = versionsStore.get();
  const selection = readerStore.get().selection;
  if (!articleId || !reselecting || !selection) return;
  try {
    await gloss().resolveReview({
      articleId,
      id: reselecting.annotation.id,
      action: 'reselect',
      start: selection.start,
      end: selection.end,
    });
    versionsStore.set((s) => ({
      reselecting: null,
      undo: [...s.undo, { before: reselecting.annotation, action: 'reselect' }],
    }));
    readerStore.set({ selection: null });
    window.getSelection()?.removeAllRanges();
    await refreshAfterAnswer(articleId);
    versionsStore.set({ open: 'review' });
  } catch (err) {
    showError(err);
  }
}

export function cancelReselection(): void {
  versionsStore.set({ reselecting: null, open: 'review' });
}

/** Undo the last review answer: the annotation is put back as it was, in review again. */
export function undoReviewAnswer(): Promise<void> {
  const { articleId, undo } = versionsStore.get();
  const last = undo[undo.length - 1];
  if (!articleId || !last) return Promise.resolve();
  versionsStore.set({ undo: undo.slice(0, -1) });
  return serial(async () => {
    try {
      await gloss().restoreAnnotations({ annotations: [last.before] });
      if (last.action === 'delete' && last.before.tags.length) tagsChanged();
    } catch (err) {
      versionsStore.set((s) => ({ undo: [...s.undo, last] }));
      showError(err);
    }
    await refreshAfterAnswer(articleId).catch(showError);
  });
}

/** After a version was split off or joined back: the reader, its highlights, the menu and the library show it. */
async function afterVersionsChanged(articleId: string): Promise<void> {
  // The article's current text may be another one now; openArticle's new article loads the versions.
  if (readerStore.get().article?.id === articleId) await openArticle(articleId, { remember: false });
  else await loadVersions(articleId);
  await Promise.all([loadAnnotations(articleId), refreshLibrary()]);
}

/** A version Gloss added that is really another article: made an article of its own, with Undo. */
export async function separateVersion(version: string): Promise<void> {
  const { articleId, versions } = versionsStore.get();
  const n = (versions?.versions.findIndex((v) => v.hash === version) ?? -1) + 1;
  if (!articleId || n < 1) return;
  try {
    const r = await gloss().separateVersion({ articleId, version });
    await afterVersionsChanged(articleId);
    const moved = r.annotations ? `, with ${r.annotations} highlight${r.annotations === 1 ? '' : 's'}` : '';
    const review = r.inReview ? ` ${r.inReview} to review.` : '';
    showInfo(`Version ${n} is now a separate article in the library${moved}.${review}`, {
      label: 'Undo',
      run: () => void rejoinVersion(r, n),
    });
  } catch (err) {
    showError(err);
  }
}

async function rejoinVersion(r: VersionSeparated, n: number): Promise<void> {
  try {
    await gloss().rejoinVersion({ articleId: r.articleId, into: r.from });
    await afterVersionsChanged(r.from);
    showInfo(`Undone: version ${n} of “${r.fromTitle}” again.`);
  } catch (err) {
    showError(err);
  }
}

/** After an import: versions added are announced (with a way to their review), a possible one is asked about. */
export function noteImportVersions(report: ImportReport): void {
  for (const v of report.versions ?? []) {
    // The open article has a new text: show it.
    if (readerStore.get().article?.id === v.articleId) void openArticle(v.articleId, { remember: false });
    const review = v.bands.changed + v.bands['not-found'];
    const followed = v.bands.silent + v.bands.moved;
    showInfo(
      `New version of “${v.title}”: ${followed} highlight${followed === 1 ? '' : 's'} followed${review ? `, ${review} to review` : ''}.`,
      review
        ? {
            label: 'Review',
            run: () =>
              void openArticle(v.articleId).then(async (ok) => {
                if (!ok) return;
                await loadVersions(v.articleId);
                await openReview();
              }),
          }
        : undefined,
    );
  }
  // Each one is asked about, one question at a time, in the import's order.
  const possible = report.possibleVersions ?? [];
  if (!possible.length) return;
  const { asking, toAsk } = versionsStore.get();
  if (asking) versionsStore.set({ toAsk: [...toAsk, ...possible] });
  else versionsStore.set({ asking: possible[0], toAsk: possible.slice(1), asked: 0 });
}

export async function answerPossibleVersion(addAsVersion: boolean): Promise<void> {
  const { asking, toAsk, asked } = versionsStore.get();
  versionsStore.set({ asking: toAsk[0] ?? null, toAsk: toAsk.slice(1), asked: toAsk.length ? asked + 1 : 0 });
  if (!asking || !addAsVersion) return;
  try {
    await gloss().addAsVersion({ articleId: asking.articleId, of: asking.of });
    showInfo(`Added as the newest version of “${asking.ofTitle}”.`);
    // The separate copy is gone from the library.
    await refreshLibrary();
  } catch (err) {
    showError(err);
  }
}
