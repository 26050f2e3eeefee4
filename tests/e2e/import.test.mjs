// vCard import through the system's own file dialog, in the real window: the GTK dialog is
// driven with xdotool (typing the path, as a keyboard user would).
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { answerFileDialog, createVault, withApp } from './webdriver.mjs';

const PASSPHRASE = 'orange kayak wanders north at dawn';
// Outlook 2003's vCard 2.1: Windows-1252 bytes, quoted-printable, a photo that is not imported.
const VCARD = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../vectors/vcard/outlook2003_21.vcf');

test('a vCard 2.1 chosen in the file dialog is previewed with what it skips, then imported', (t) =>
  withApp(t, async (d) => {
    await createVault(d, PASSPHRASE);
    await d.click('#nav-profile');
    await d.waitFor('#profile-title');

    // The click returns only when the dialog closes, so it is not awaited here.
    const clicked = d.click('#import-vcard');
    await answerFileDialog('Open File', VCARD);
    await clicked;

    const preview = await d.waitForText('section[aria-labelledby="import-title"]', (text) =>
      text.includes('Günther') && text.includes('outlook2003_21.vcf'),
    );
    assert.match(preview, /(line|Zeile) 11/, `the preview names the lines: ${preview}`);
    assert.match(preview, /Köln/, `Windows-1252 and quoted-printable are decoded: ${preview}`);
    assert.match(preview, /1 (value is not imported|Wert wird nicht importiert)/, `the skipped photo is named: ${preview}`);
    assert.match(preview, /PHOTO\s*Photos and logos are not kept in your profile\.\s*(line|Zeile) 17/, preview);
    await d.click('#import-confirm');
    await d.waitForText('li.profile-field[data-kind="email"]', (text) =>
      text.includes('g.schroeder@schroeder-soehne.example'),
    );
    const names = await d.text('#section-identity');
    assert.ok(names.includes('Schröder') && names.includes('Günther'), `names imported: ${names}`);
    const status = await d.text('main');
    assert.match(status, /1 (value was not imported|Wert wurde nicht importiert)/, `the status line counts the skipped value: ${status}`);
  }));
