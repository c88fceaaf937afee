/**
 * What every `gloss` command is given, and the small helpers they share:
 * the library to work on, where to print, unique-prefix ids, exit codes.
 */
import { Option } from 'commander';
import { GlossError } from '../core/errors';
import type { GlossService } from '../core/service';

export interface CommandContext {
  /** Runs `fn` on the library named by the command's --data-dir (downloading saved pages' web pictures when asked). */
  use(
    opts: { dataDir?: string; downloadImages?: boolean; images?: boolean },
    fn: (gloss: GlossService) => Promise<void>,
  ): void;
  out(s: string): void;
  err(s: string): void;
  /** Standard input, read whole (`gloss import -`). */
  readStdin(): Promise<string>;
  dataDirOption(): Option;
  resolveId(gloss: GlossService, id: string): Promise<string>;
}

/** The command did what was asked, but Gloss found damage in the library and recovered from it (see the warnings on stderr). */
export const EXIT_RECOVERED = 3;

/** Thrown by a command to end with this exit code once its output is printed. */
export class Exit {
  constructor(readonly code: number) {}
}

/** Accept a unique id prefix, as git does for commits. */
export async function resolveId(gloss: GlossService, id: string): Promise<string> {
  const matches = (await gloss.listArticles()).filter((a) => a.id.startsWith(id));
  if (matches.length === 1) return matches[0].id;
  if (matches.length === 0)
    throw new GlossError('NOT_FOUND', `No article with id ${id} in the library (gloss list shows them).`);
  throw new GlossError('INVALID_REQUEST', `${id} matches ${matches.length} articles; give more of the id.`);
}

export const dataDirOption = () =>
  new Option('--data-dir <dir>', 'library folder (default: the desktop app’s, or $GLOSS_DATA_DIR)').default(
    undefined,
  );

/** For a repeatable option (`--tag a --tag b`). */
export const collect = (value: string, previous: string[]) => [...previous, value];

/** On one line, at most n characters. */
export const clip = (s: string, n: number) => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > n ? `${flat.slice(0, n - 1)}…` : flat;
};

export const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
