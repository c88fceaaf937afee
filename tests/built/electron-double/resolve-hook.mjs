// TEST ONLY: a module resolve hook that maps the bare specifier `electron` to
// the recording stand-in next to this file (see electron.ts). Registered by
// register.ts in tests/built only; the app never loads it.
const DOUBLE = new URL('./electron.ts', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  // Resolved down the chain (not short-circuited), so the TypeScript loader the tests run under loads it.
  return nextResolve(specifier === 'electron' ? DOUBLE : specifier, context);
}
