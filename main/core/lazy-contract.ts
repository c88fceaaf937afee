/**
 * The contract's schemas (contract.ts, and with them zod), loaded once, on
 * first need: a request validated (dispatch.ts), a setting changed or a
 * settings file that is not plainly valid (store/). Not at start-up: importing
 * zod alone cost about as much as the rest of the core's start-up and +14 MB
 * of memory, and opening the library needs no schema (issue 15, bench/README.md).
 */
type Contract = typeof import('./contract');
let contract: Promise<Contract> | undefined;

export function loadContract(): Promise<Contract> {
  return (contract ??= import('./contract'));
}
