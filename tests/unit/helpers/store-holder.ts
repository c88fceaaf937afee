/**
 * Child process for the lock tests: opens the store at argv[2] and prints one
 * JSON line, {"ok":true} or {"code":…,"message":…}. With "hold", keeps it open
 * until killed; otherwise closes and exits.
 */
import { openStore } from '@core/store/index';
import { GlossError } from '@core/errors';

const [dir, mode] = process.argv.slice(2);
try {
  const store = await openStore(dir);
  console.log(JSON.stringify({ ok: true, pid: process.pid }));
  if (mode === 'hold') setInterval(() => {}, 1 << 30);
  else await store.close();
} catch (err) {
  const e = err as GlossError;
  console.log(JSON.stringify({ ok: false, code: e.code, message: e.message }));
}
