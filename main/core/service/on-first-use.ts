/**
 * A part of the service loaded on its first request, so start-up does not pay
 * for code most sessions never run (the parsers of other tools' highlight
 * files, for one). The names are listed by the caller because the module is
 * not loaded yet; a test checks that every channel of the contract answers.
 */
export function onFirstUse<T extends object>(
  load: () => Promise<T>,
  names: readonly (keyof T & string)[],
): T {
  let loaded: Promise<T> | undefined;
  const part: Record<string, unknown> = {};
  for (const name of names)
    part[name] = async (...args: unknown[]) => {
      const real = await (loaded ??= load());
      return (real[name] as (...a: unknown[]) => unknown)(...args);
    };
  return part as T;
}
