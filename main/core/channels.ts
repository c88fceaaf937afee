/**
 * The channel names alone, free of schemas, so the sandboxed preload can build
 * the bridge without bundling the validation library. contract.ts pairs each
 * name with its schema, and the compiler keeps the two lists equal.
 */
export const CHANNEL_NAMES = [
  'listArticles',
  'getArticle',
  'importFiles',
  'importText',
  'importUrl',
  'importHighlights',
  'syncMarkdown',
  'removeArticle',
  'removeArticles',
  'restoreArticles',
  'updateArticleMeta',
  'listAnnotations',
  'getArticleNote',
  'setArticleNote',
  'createAnnotation',
  'updateAnnotation',
  'deleteAnnotation',
  'restoreAnnotation',
  'restoreAnnotations',
  'listTags',
  'changeTags',
  'describeTag',
  'listPassages',
  'saveDraft',
  'listDrafts',
  'exportNotes',
  'citeAnnotations',
  'search',
  'getSettings',
  'updateSettings',
  'storeStatus',
  'chooseImportFiles',
  'chooseExportPath',
  'openExternal',
  'draftsFlushed',
  'listVersions',
  'getArticleVersion',
  'compareVersions',
  'addAsVersion',
  'separateVersion',
  'rejoinVersion',
  'listReview',
  'resolveReview',
  'acceptAllReview',
] as const;

export type Channel = (typeof CHANNEL_NAMES)[number];

export const EVENT_CHANNEL = 'gloss:event';
/** Preload → main only (not part of window.gloss): paths of files dropped on the window. */
export const DROP_GRANT_CHANNEL = 'gloss:grant-dropped';
export const invokeChannel = (c: Channel): string => `gloss:${c}`;
