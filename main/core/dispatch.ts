/**
 * One entry point for every request from the renderer: validate the payload
 * against the contract's schema, call the implementation, and turn any failure
 * into a Result. Used by the Electron IPC handlers and by the test harness.
 */
import { CHANNELS, type Channel, type GlossApi, type ParsedRequest } from './contract';
import { GlossError, toSerializedError, type Result } from './errors';

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(CHANNELS, name);
}

/** The request checked against the contract's schema (defaults filled in), or INVALID_REQUEST saying what is wrong. */
export function parseRequest<C extends Channel>(channel: C, payload: unknown): ParsedRequest<C> {
  const parsed = CHANNELS[channel].safeParse(payload);
  if (parsed.success) return parsed.data as ParsedRequest<C>;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
  throw new GlossError(
    'INVALID_REQUEST',
    `Invalid ${channel} request${where}: ${issue?.message ?? 'malformed'}.`,
  );
}

export async function dispatch(api: GlossApi, channel: unknown, payload: unknown): Promise<Result<unknown>> {
  try {
    if (!isChannel(channel)) throw new GlossError('INVALID_REQUEST', `Unknown request “${String(channel)}”.`);
    const request = parseRequest(channel, payload);
    const fn = api[channel] as (req: unknown) => Promise<unknown>;
    const value = await fn.call(api, request);
    return { ok: true, value: value ?? null };
  } catch (err) {
    return { ok: false, error: toSerializedError(err) };
  }
}
