/**
 * A child process's output, read to the end. Tests that count what a child
 * acknowledged must see every line it printed, including lines that arrive in
 * the same pipe chunk as the one they waited for or after it — so reading never
 * stops at the first match, only when the child has exited and its pipes closed.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Every stdout line, in order (a last line without a newline included). */
  lines: string[];
  stderr: string;
}

export interface WatchedChild {
  child: ChildProcessWithoutNullStreams;
  /** The first stdout line (counting from the start) that passes `test`; rejects if the child ends without one. */
  line(test: (line: string) => boolean): Promise<string>;
  /** Resolves once the child has exited and all it printed has been read. */
  finished(): Promise<Finished>;
}

export function watchChild(child: ChildProcessWithoutNullStreams): WatchedChild {
  const lines: string[] = [];
  let partial = '';
  let stderr = '';
  let ended: Error | null = null;
  const waiters: {
    test: (line: string) => boolean;
    resolve: (line: string) => void;
    reject: (err: Error) => void;
  }[] = [];

  const offer = (line: string): void => {
    lines.push(line);
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (waiters[i].test(line)) waiters.splice(i, 1)[0].resolve(line);
    }
  };
  // Decoded as a stream, so a character split across two chunks stays whole.
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    parts.forEach(offer);
  });
  child.stderr.on('data', (chunk: string) => (stderr += chunk));

  // 'close' comes after 'exit' and after stdout and stderr have ended: nothing printed is left unread.
  const done = new Promise<Finished>((resolve) => {
    child.once('close', (code, signal) => {
      if (partial !== '') offer(partial);
      partial = '';
      ended = new Error(
        `the child ended (${signal ?? `exit code ${code}`}) before printing the expected line. stdout:\n${lines.join('\n')}\nstderr: ${stderr}`,
      );
      for (const w of waiters.splice(0)) w.reject(ended);
      resolve({ code, signal, lines: [...lines], stderr });
    });
  });

  return {
    child,
    line: (test) => {
      const seen = lines.find(test);
      if (seen !== undefined) return Promise.resolve(seen);
      if (ended) return Promise.reject(ended);
      return new Promise((resolve, reject) => waiters.push({ test, resolve, reject }));
    },
    finished: () => done,
  };
}
