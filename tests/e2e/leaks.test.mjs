// No personal data in plain text on disk after the app's main flows: profile values typed in the
// real window are searched for, as UTF-8 and as UTF-16 (WebKit's local storage keeps UTF-16), in
// every file of the vault folder, the web view's data and cache folders (WebKitGTK keeps local
// storage and caches there), the temp folder's new files and what the app and driver logged.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { createVault, unlock, withApp } from './webdriver.mjs';

const PASSPHRASE = 'orange kayak wanders north at dawn';
const MARKERS = ['Qzxwvutmarker', 'qzx.marker.7731@mail.example', 'QZX-NOTE-7731'];

/** Every file under `dir` (that still exists), with its path. */
function* files(dir) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (e.isFile()) yield p;
  }
}

/** The markers found in `bytes`, in either encoding. */
function hits(bytes) {
  return MARKERS.filter((m) => bytes.includes(Buffer.from(m, 'utf8')) || bytes.includes(Buffer.from(m, 'utf16le')));
}

async function addField(d, section, kind, value) {
  await d.click(`#add-${section}`);
  await d.waitFor('#field-kind');
  await d.click(`#field-kind option[value="${kind}"]`);
  await d.waitFor('#field-text');
  await d.sendKeys('#field-text', value);
  await d.click('#field-save');
  await d.waitForText(`li.profile-field[data-kind="${kind}"]`, (text) => text.includes(value));
}

test('profile values typed in the window are nowhere on disk in plain text', (t) =>
  withApp(t, async (d, vaultDir) => {
    const started = Date.now();
    await createVault(d, PASSPHRASE);
    await d.click('#nav-profile');
    await d.waitFor('#profile-title');
    await addField(d, 'identity', 'given_name', MARKERS[0]);
    await addField(d, 'contact', 'email', MARKERS[1]);
    await addField(d, 'about_me', 'note', MARKERS[2]);
    // Read back after a lock, through the dashboard and the history.
    await d.click('#lock');
    await unlock(d, PASSPHRASE);
    await d.click('#nav-profile');
    await d.waitForText('li.profile-field[data-kind="note"]', (text) => text.includes(MARKERS[2]));
    await d.click('#nav-home');
    await d.waitFor('#home-title');
    const log = d.log.join('');
    await d.quit(); // the web view writes its caches until the app stops

    const home = path.dirname(vaultDir);
    const scanned = [];
    const found = [];
    const scan = (file) => {
      scanned.push(file);
      const h = hits(fs.readFileSync(file));
      if (h.length) found.push(`${file}: ${h.join(', ')}`);
    };
    for (const file of files(home)) scan(file); // the vault, data/ and cache/ folders
    for (const file of files(os.tmpdir())) {
      if (file.startsWith(home)) continue;
      try {
        const st = fs.statSync(file);
        if (st.mtimeMs >= started && st.size < 64 << 20) scan(file);
      } catch {
        // gone meanwhile
      }
    }
    assert.deepEqual(found, [], 'personal data in plain text on disk');
    assert.deepEqual(hits(Buffer.from(log)), [], 'personal data in what the app logged');
    assert.ok(scanned.some((f) => f.includes(`${path.sep}data${path.sep}`)), `the web view's data folder was not there: ${scanned.join(', ')}`);
    assert.ok(scanned.some((f) => f.endsWith('vault.age')), 'the vault was not scanned');
  }));
