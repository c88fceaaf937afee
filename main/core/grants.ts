/**
 * Grants: the renderer never names a file path. When the user chooses files in
 * one of the shell's dialogs (or drops them on the window), main remembers the
 * paths and hands the renderer a random token; an import or export request
 * names that token, which can be used once, for what it was granted for.
 * A compromised page therefore cannot read or overwrite any other file.
 */
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { GlossError } from './errors';
import type { ChosenFiles } from './contract';

export type GrantPurpose = 'import' | 'export';

/** Grants not used are forgotten beyond this many (a user cancels, the page reloads). */
const MAX_OPEN_GRANTS = 64;

export interface Grants {
  grant(purpose: GrantPurpose, paths: string[]): ChosenFiles;
  /** The granted paths, once; any other token (or a second use) is refused. */
  take(purpose: GrantPurpose, token: string): string[];
}

export function createGrants(): Grants {
  const open = new Map<string, { purpose: GrantPurpose; paths: string[] }>();
  return {
    grant(purpose, paths) {
      const token = randomUUID();
      open.set(token, { purpose, paths: [...paths] });
      while (open.size > MAX_OPEN_GRANTS) open.delete(open.keys().next().value!);
      return { grant: token, names: paths.map((p) => basename(p)) };
    },
    take(purpose, token) {
      const found = open.get(token);
      if (!found || found.purpose !== purpose) {
        throw new GlossError(
          'INVALID_REQUEST',
          purpose === 'import'
            ? 'Those files were not chosen in this window; choose them again with Import….'
            : 'That place was not chosen in this window; choose it again with Export….',
        );
      }
      open.delete(token);
      return found.paths;
    },
  };
}
