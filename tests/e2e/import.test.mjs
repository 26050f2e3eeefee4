// vCard import through the system's own file dialog, in the real window: the GTK dialog is
// driven with xdotool (typing the path, as a keyboard user would).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createVault, withApp } from './webdriver.mjs';

const PASSPHRASE = 'orange kayak wanders north at dawn';
const VCARD = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../vectors/vcard/apple_contacts_3.vcf');

function xdotool(...args) {
  return execFileSync('xdotool', args, { timeout: 15_000 }).toString().trim();
}

/** The id of the visible window with this title; polls without blocking the event loop. */
async function windowNamed(title) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      return xdotool('search', '--onlyvisible', '--name', `^${title}$`).split('\n')[0];
    } catch {
      if (Date.now() > deadline) throw new Error(`no window titled ${title} appeared`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

test('a vCard chosen in the file dialog is previewed, then imported', (t) =>
  withApp(t, async (d) => {
    await createVault(d, PASSPHRASE);
    await d.click('#nav-profile');
    await d.waitFor('#profile-title');

    // The click returns only when the dialog closes, so it is not awaited here.
    const clicked = d.click('#import-vcard');
    const dialog = await windowNamed('Open File');
    const pause = (ms) => new Promise((r) => setTimeout(r, ms));
    await pause(700); // let GTK finish mapping the dialog
    xdotool('windowfocus', '--sync', dialog);
    xdotool('key', 'ctrl+l');
    await pause(300);
    xdotool('type', '--delay', '20', VCARD);
    await pause(300);
    xdotool('key', 'Return'); // accepts the completion
    await pause(500);
    xdotool('key', 'Return'); // opens
    await clicked;

    const preview = await d.waitForText('section[aria-labelledby="import-title"]', (text) =>
      text.includes('Anna') && text.includes('apple_contacts_3.vcf'),
    );
    assert.match(preview, /line 4/, `the preview names the lines: ${preview}`);
    await d.click('#import-confirm');
    await d.waitForText('li.profile-field[data-kind="email"]', (text) => text.includes('anna.mueller@example.org'));
    const names = await d.text('#section-identity');
    assert.ok(names.includes('Müller') && names.includes('Anna'), `names imported: ${names}`);
  }));
