/**
 * Child process for the import read tests: reads argv[2] as Gloss would for an
 * import and prints one JSON line, {"bytes":n} or {"code":…,"message":…}.
 */
import { readImportFile } from '@core/import/read-file';
import { toSerializedError } from '@core/errors';

try {
  const { bytes } = await readImportFile(process.argv[2]);
  console.log(JSON.stringify({ bytes: bytes.byteLength }));
} catch (err) {
  console.log(JSON.stringify(toSerializedError(err)));
}
