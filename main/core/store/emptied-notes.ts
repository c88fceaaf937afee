/**
 * A notes file that is valid but empty (or gone) although the counts index
 * Gloss sealed at its last clean close says it held annotations.
 *
 * Emptiness alone proves nothing: deleting the last highlight writes exactly
 * such a file, with the annotations in its .bak. What tells the cases apart is
 * the sealed index: it is written at close, after every notes write finished,
 * so it records the count Gloss itself left. If it says N > 0 and the file is
 * now empty, the file was emptied while Gloss was closed (a sync or backup tool,
 * a hand edit, a bad disk). That may still have been meant (highlights deleted
 * on another computer sharing the folder), but losing notes silently is worse
 * than showing deleted ones again: so the last copy holding annotations (.bak)
 * is restored and the user is told, with how to undo it. After a crash the
 * index is not sealed, and an empty file may be the user's last delete: it is
 * then taken as it is.
 */
import { promises as fs } from 'node:fs';
import type { DurableJsonFile } from './durable-json-file';
import { readableTime } from './fs-durable';
import { parseNotesFile, type NotesFile } from './schemas';

/** The restored notes, or null when no copy with annotations is left (then the user is told that). */
export async function restoreEmptiedNotes(
  adapter: DurableJsonFile<NotesFile>,
  countAtClose: number,
  onWarning: (s: string) => void,
): Promise<NotesFile | null> {
  const held = `${adapter.label} was emptied while Gloss was closed (it held ${countAtClose} annotation${countAtClose === 1 ? '' : 's'} when Gloss last closed)`;
  const backup = await readBackup(`${adapter.file}.bak`);
  if (!backup) {
    onWarning(`${held}, and no copy of them was found.`);
    return null;
  }
  await adapter.write(backup.data);
  const n = backup.data.annotations.length;
  onWarning(
    `${held}; Gloss restored the last copy with annotations (${n}, from ${readableTime(backup.savedAt)}). If they were deleted on purpose, delete them again.`,
  );
  return backup.data;
}

async function readBackup(bak: string): Promise<{ data: NotesFile; savedAt: Date } | null> {
  try {
    const [text, stat] = await Promise.all([fs.readFile(bak, 'utf8'), fs.stat(bak)]);
    const data = await parseNotesFile(JSON.parse(text));
    return data.annotations.length > 0 ? { data, savedAt: stat.mtime } : null;
  } catch {
    return null;
  }
}
