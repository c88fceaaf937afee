/**
 * node:crypto and node:zlib, loaded by their first use instead of with the
 * modules that name them: each costs resident memory the moment it loads
 * (measured in a bare node: crypto ~2 MB, zlib ~1.4 MB), and opening the
 * library needs neither (bench/README.md, core-rss). Synchronous: node keeps
 * each built-in once, so a later call costs a lookup.
 */
export const nodeCrypto = (): typeof import('node:crypto') => process.getBuiltinModule('node:crypto');

export const nodeZlib = (): typeof import('node:zlib') => process.getBuiltinModule('node:zlib');

/**
 * `bytes` random bytes as hex, for a name or token that must be unique, not secret (the lock's owner,
 * its temp file): Math.random, which node seeds from the system's entropy, so opening the library
 * does not load node:crypto for it.
 */
export function uniqueHex(bytes: number): string {
  let hex = '';
  for (let i = 0; i < bytes; i++)
    hex += Math.floor(Math.random() * 256)
      .toString(16)
      .padStart(2, '0');
  return hex;
}
