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
  'removeArticle',
  'listAnnotations',
  'createAnnotation',
  'updateAnnotation',
  'deleteAnnotation',
  'restoreAnnotation',
  'listTags',
  'exportNotes',
  'getSettings',
  'updateSettings',
  'storeStatus',
  'chooseImportFiles',
  'chooseExportPath',
  'openExternal',
] as const;

export type Channel = (typeof CHANNEL_NAMES)[number];

export const EVENT_CHANNEL = 'gloss:event';
export const invokeChannel = (c: Channel): string => `gloss:${c}`;
