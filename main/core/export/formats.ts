/**
 * The export formats, as plain values: the contract builds its schema of an
 * export request from them, and the command line offers them as choices
 * without loading the contract (and zod) to print its help.
 */
export const EXPORT_FORMATS = ['md', 'json', 'csv', 'readwise'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
