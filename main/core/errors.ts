/** Typed errors: every failure the UI or CLI can show carries a code and a sentence. */
export type GlossErrorCode =
  | 'INVALID_REQUEST'
  | 'NOT_FOUND'
  | 'OUT_OF_RANGE'
  | 'UNSUPPORTED_FORMAT'
  | 'TOO_LARGE'
  | 'EMPTY'
  | 'IO'
  | 'LOCKED'
  | 'CORRUPT'
  | 'NETWORK'
  | 'CANCELLED'
  | 'INTERNAL';

export class GlossError extends Error {
  override readonly name = 'GlossError';
  constructor(
    readonly code: GlossErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface SerializedError {
  code: GlossErrorCode;
  message: string;
}

export function toSerializedError(err: unknown): SerializedError {
  if (err instanceof GlossError) return { code: err.code, message: err.message };
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message };
}

/** What crosses IPC: never a thrown object, always one of these. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: SerializedError };
