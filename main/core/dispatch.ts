/**
 * One entry point for every request from the renderer: validate the payload
 * against the contract's schema, call the implementation, and turn any failure
 * into a Result. Used by the Electron IPC handlers and by the test harness.
 *
 * The contract's schemas are loaded with the first request validated (lazy-contract.ts).
 */
import type { Channel, GlossApi, ParsedRequest, PATH_REQUESTS } from './contract';
import { CHANNEL_NAMES } from './channels';
import type { z } from 'zod';
import { GlossError, toSerializedError, type Result } from './errors';
import { loadContract } from './lazy-contract';

/** The shell calls it early, so the page's first request does not wait for the schemas. */
export { loadContract } from './lazy-contract';

const CHANNEL_SET: ReadonlySet<string> = new Set(CHANNEL_NAMES);

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && CHANNEL_SET.has(name);
}

/** The request checked against the contract's schema (defaults filled in), or INVALID_REQUEST saying what is wrong. */
export async function parseRequest<C extends Channel>(
  channel: C,
  payload: unknown,
): Promise<ParsedRequest<C>> {
  const { CHANNELS } = await loadContract();
  return parseWith(CHANNELS[channel], channel, payload) as ParsedRequest<C>;
}

/** The same door for the core's own forms of the requests that name files by path (CLI, tests, the shell after a grant). */
export async function parsePathRequest<K extends keyof typeof PATH_REQUESTS>(
  kind: K,
  payload: unknown,
): Promise<z.output<(typeof PATH_REQUESTS)[K]>> {
  const { PATH_REQUESTS: schemas } = await loadContract();
  return parseWith(schemas[kind], kind, payload) as z.output<(typeof PATH_REQUESTS)[K]>;
}

function parseWith(schema: z.ZodType, channel: string, payload: unknown): unknown {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data;
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
    const request = await parseRequest(channel, payload);
    const fn = api[channel] as (req: unknown) => Promise<unknown>;
    const value = await fn.call(api, request);
    return { ok: true, value: value ?? null };
  } catch (err) {
    return { ok: false, error: toSerializedError(err) };
  }
}
