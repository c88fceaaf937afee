import { electronBinary } from './electron-binary';

export default async function globalSetup(): Promise<void> {
  const { path, reason } = electronBinary();
  if (!path)
    console.log(
      `\n[tests/electron] skipped: ${reason}.\n  On a machine where \`npm install\` can fetch Electron, these tests run.\n`,
    );
}
