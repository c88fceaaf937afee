/**
 * The end-to-end tests drive the Chromium a newcomer's machine already has.
 * The search order, per platform, given which files exist (the probe is the
 * finder's input: here a set of paths, on a real run the file system).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  findChromium,
  isExecutableFile,
  whenNoChromium,
  type ChromiumSearch,
} from '../../harness/find-chromium';

const PLAYWRIGHT_LINUX = '/home/ann/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome';

function search(
  platform: NodeJS.Platform,
  files: string[],
  env: ChromiumSearch['env'] = {},
  playwrightChromium?: string,
): ChromiumSearch {
  const present = new Set(files);
  return { platform, env, exists: (f) => present.has(f), playwrightChromium };
}

/** Which file is chosen as each earlier one disappears: the search order. */
function order(s: ChromiumSearch, files: string[]): string[] {
  const seen: string[] = [];
  let left = [...files];
  for (;;) {
    const found = findChromium({ ...s, exists: (f) => left.includes(f) });
    if (!found) return seen;
    seen.push(found.path);
    left = left.filter((f) => f !== found.path);
  }
}

describe('findChromium', () => {
  it('on Linux: GLOSS_CHROMIUM, then Debian’s chromium, the other usual paths and the snap, then PATH, then Playwright’s', () => {
    const files = [
      '/usr/bin/chromium',
      '/usr/bin/chromium-browser',
      '/usr/bin/google-chrome',
      '/usr/bin/google-chrome-stable',
      '/snap/bin/chromium',
      '/opt/google/chrome/chrome',
      '/home/ann/bin/chrome',
      PLAYWRIGHT_LINUX,
    ];
    const s = search('linux', [], { PATH: '/usr/local/bin:/home/ann/bin' }, PLAYWRIGHT_LINUX);
    assert.deepEqual(order(s, files), files);
    assert.deepEqual(
      findChromium({
        ...s,
        exists: (f) => files.includes(f) || f === '/opt/chromium/chrome',
        env: { ...s.env, GLOSS_CHROMIUM: '/opt/chromium/chrome' },
      }),
      {
        path: '/opt/chromium/chrome',
        from: 'GLOSS_CHROMIUM',
      },
    );
  });

  it('says where it found the browser', () => {
    assert.deepEqual(findChromium(search('linux', ['/usr/bin/chromium'])), {
      path: '/usr/bin/chromium',
      from: 'system',
    });
    assert.deepEqual(findChromium(search('linux', ['/home/ann/bin/chromium'], { PATH: '/home/ann/bin' })), {
      path: '/home/ann/bin/chromium',
      from: 'PATH',
    });
    assert.deepEqual(findChromium(search('linux', [PLAYWRIGHT_LINUX], {}, PLAYWRIGHT_LINUX)), {
      path: PLAYWRIGHT_LINUX,
      from: 'Playwright',
    });
  });

  it('on macOS: Chrome and Chromium in /Applications, then in ~/Applications, then PATH, then Playwright’s', () => {
    const pw =
      '/Users/ann/Library/Caches/ms-playwright/chromium-1255/chrome-mac/Chromium.app/Contents/MacOS/Chromium';
    const files = [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Users/ann/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Users/ann/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/opt/homebrew/bin/chromium',
      pw,
    ];
    assert.deepEqual(
      order(search('darwin', [], { HOME: '/Users/ann', PATH: '/usr/bin:/opt/homebrew/bin' }, pw), files),
      files,
    );
  });

  it('on Windows: Chrome under Program Files, Program Files (x86) and the user’s AppData, then Chromium there, then PATH, then Playwright’s — whatever the case of the variable names', () => {
    const pw = 'C:\\Users\\ann\\AppData\\Local\\ms-playwright\\chromium-1255\\chrome-win\\chrome.exe';
    const files = [
      'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Users\\ann\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Users\\ann\\AppData\\Local\\Chromium\\Application\\chrome.exe',
      'D:\\tools\\chrome.exe',
      pw,
    ];
    const env = {
      PROGRAMFILES: 'C:\\Program Files',
      'ProgramFiles(x86)': 'C:\\Program Files (x86)',
      LocalAppData: 'C:\\Users\\ann\\AppData\\Local',
      Path: 'C:\\Windows;D:\\tools',
    };
    assert.deepEqual(order(search('win32', [], env, pw), files), files);
  });

  it('finds nothing on a machine with no browser anywhere it looks', () => {
    assert.equal(
      findChromium(search('linux', ['/usr/bin/firefox'], { PATH: '/usr/bin' }, PLAYWRIGHT_LINUX)),
      null,
    );
    assert.equal(findChromium(search('freebsd', [])), null);
  });

  it('refuses a GLOSS_CHROMIUM that names no browser rather than quietly using another one', () => {
    assert.throws(
      () => findChromium(search('linux', ['/usr/bin/chromium'], { GLOSS_CHROMIUM: '/opt/nothing/chrome' })),
      {
        message: 'GLOSS_CHROMIUM is set to /opt/nothing/chrome, which is not an executable file.',
      },
    );
  });

  it('on this machine, the probe accepts an executable file and nothing else', () => {
    assert.equal(isExecutableFile(process.execPath), true);
    if (process.platform !== 'win32')
      assert.equal(isExecutableFile(import.meta.filename), false, 'not executable');
    assert.equal(isExecutableFile(import.meta.dirname), false, 'a folder');
    assert.equal(isExecutableFile('/no/such/file'), false);
  });
});

describe('whenNoChromium', () => {
  it('fetches Playwright’s Chromium on a developer’s machine', () => {
    assert.deepEqual(whenNoChromium({}), { install: true });
  });

  it('on CI, or with GLOSS_NO_DOWNLOAD, downloads nothing and says in one sentence what to install', () => {
    assert.deepEqual(whenNoChromium({ CI: 'true' }), {
      install: false,
      message:
        'No Chromium or Chrome found for the end-to-end tests, and none is downloaded on CI: install Chromium or Google Chrome, or set GLOSS_CHROMIUM to one.',
    });
    assert.deepEqual(whenNoChromium({ GLOSS_NO_DOWNLOAD: '1' }), {
      install: false,
      message:
        'No Chromium or Chrome found for the end-to-end tests, and none is downloaded with GLOSS_NO_DOWNLOAD set: install Chromium or Google Chrome, or set GLOSS_CHROMIUM to one.',
    });
  });
});
