// End-to-end tests of the real Tresor window, driven through WebKitWebDriver.
//
//   make test-e2e
//   TRESOR_APP=target/debug/tresor-app xvfb-run -a --server-args='-screen 0 1280x900x24' \
//     node --test --test-concurrency=1 tests/e2e/
//
// Every test starts the app on its own fresh, throwaway vault folder.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import {
  appBinary,
  createVault,
  ENGLISH,
  freshVaultDir,
  historyTexts,
  Key,
  RECOVERY_KEY,
  shoot,
  startApp,
  toCreateForm,
  typeNewPassphrase,
  unlock,
  withApp,
} from './webdriver.mjs';

const PASSPHRASE = 'orange kayak wanders north at dawn';


test('creating a vault shows the recovery key once and leads to the dashboard', (t) =>
  withApp(t, async (d, vaultDir) => {
    await toCreateForm(d);
    assert.equal(await d.enabled('#create-vault'), false, '#create-vault is enabled before any input');
    await typeNewPassphrase(d, PASSPHRASE);
    await d.click('#create-vault');

    const recoveryKey = await d.waitForText('#recovery-key', RECOVERY_KEY);
    assert.match(recoveryKey, RECOVERY_KEY);
    assert.equal(await d.enabled('#recovery-continue'), false, '#recovery-continue is enabled before #recovery-saved');
    await d.click('#recovery-saved');
    await d.waitForEnabled('#recovery-continue');
    await d.click('#recovery-continue');

    await d.waitFor('#dashboard-title');
    const history = await historyTexts(d);
    assert.ok(
      history.some((line) => /vault created/i.test(line)),
      `no history entry says the vault was created: ${JSON.stringify(history)}`,
    );

    const files = fs.readdirSync(vaultDir);
    for (const name of ['key.age', 'vault.age', 'tresor.json']) {
      assert.ok(files.includes(name), `${name} missing in the vault folder, found: ${files.join(', ')}`);
    }
    const meta = fs.readFileSync(path.join(vaultDir, 'tresor.json'), 'utf8');
    assert.doesNotThrow(() => JSON.parse(meta), 'tresor.json is not JSON');
    for (const secret of [PASSPHRASE, recoveryKey, recoveryKey.toLowerCase()]) {
      assert.ok(!meta.includes(secret), 'tresor.json contains a secret');
    }
    for (const name of ['key.age', 'vault.age']) {
      const head = fs.readFileSync(path.join(vaultDir, name)).subarray(0, 21).toString('latin1');
      assert.equal(head, 'age-encryption.org/v1', `${name} is not an age file`);
    }
  }));

test('locking, a wrong passphrase is refused, the right one unlocks', (t) =>
  withApp(t, async (d) => {
    await createVault(d, PASSPHRASE);
    const before = await historyTexts(d);

    await d.click('#lock');
    await d.waitFor('#passphrase');
    await d.sendKeys('#passphrase', 'orange kayak wanders south at dusk');
    await d.click('#unlock');
    await d.waitFor('[role=alert][data-error-code=WrongPassphrase]');
    assert.equal(await d.property('#passphrase', 'value'), '', 'the passphrase field was not emptied');
    assert.equal(await d.tryFind('#dashboard-title'), null, 'a wrong passphrase reached the dashboard');

    await unlock(d, PASSPHRASE);
    const after = await historyTexts(d, before.length);
    assert.deepEqual(after.slice(0, before.length), before, 'the history changed across lock and unlock');
  }));

test('the auto-lock setting is saved in the vault and logged', (t) =>
  withApp(t, async (d) => {
    await createVault(d, PASSPHRASE);
    await d.click('#nav-settings');
    await d.waitFor('#auto-lock-minutes');
    await d.clear('#auto-lock-minutes');
    await d.sendKeys('#auto-lock-minutes', '7');
    assert.equal(await d.property('#auto-lock-minutes', 'value'), '7');
    await d.waitForEnabled('#save-auto-lock');
    await d.click('#save-auto-lock');
    await d.waitFor('#auto-lock-status p.success', { message: 'the "saved" confirmation of the auto-lock setting' });

    await d.click('#lock');
    await unlock(d, PASSPHRASE);
    await d.click('#nav-settings');
    await d.waitFor('#auto-lock-minutes');
    const kept = await d.property('#auto-lock-minutes', 'value');
    assert.equal(kept, '7', `#auto-lock-minutes shows ${JSON.stringify(kept)} after lock and unlock, expected "7"`);

    await d.click('#nav-home');
    await d.waitFor('#home-title');
    const history = await historyTexts(d, 2);
    assert.ok(
      history.some((line) => /auto.?lock/i.test(line) && /\b7\b/.test(line)),
      `no history entry for the auto-lock change: ${JSON.stringify(history)}`,
    );
  }));

test('Ctrl+L locks the vault', (t) =>
  withApp(t, async (d) => {
    await createVault(d, PASSPHRASE);
    await d.chord(Key.Control, 'l');
    await d.waitFor('#passphrase');
    assert.equal(await d.tryFind('#dashboard-title'), null, 'the dashboard is still there after Ctrl+L');
    await d.waitFor('[data-testid=lock-notice]', { message: 'the "you locked the vault" notice' });
    await unlock(d, PASSPHRASE);
  }));

// Debian containers and many CI machines run with LANG=C.UTF-8, where WebKitGTK reports
// navigator.language = "C": not a BCP 47 tag, so Intl date formatting throws a RangeError.
test('creating a vault works under the C locale (LANG=C.UTF-8)', (t) =>
  withApp(
    t,
    async (d) => {
      await createVault(d, PASSPHRASE);
      await historyTexts(d);
    },
    { LANG: 'C.UTF-8', LANGUAGE: '', LC_ALL: '', LC_MESSAGES: '' },
  ));

// The language follows the desktop's even where its locale is not installed (WebKitGTK then
// reports navigator.language = "en-US"): the shell reads LANGUAGE / LC_ALL / LC_MESSAGES / LANG.
test('the app speaks German when the desktop does (LANG=de_DE.UTF-8)', (t) =>
  withApp(
    t,
    async (d) => {
      await d.waitFor('#welcome-skip');
      await d.click('#welcome-skip');
      await d.waitForText('#create-title', (text) => text === 'Tresor anlegen');
      assert.equal(await d.execute('return document.documentElement.lang'), 'de');

      // The core's strength check (zxcvbn) is worded in German, the time to guess too.
      await d.sendKeys('#new-passphrase', 'passwort1');
      const weak = await d.waitForText('.strength', (text) => text.includes('Zu schwach'));
      assert.match(weak, /Geschätzte Zeit zum Erraten: (weniger als eine Sekunde|\d+ (Sekunden?|Minuten?|Stunden?|Tage?|Monate?|Jahre?))/, weak);
      assert.match(weak, /Das ähnelt einem häufig benutzten Passwort|häufigsten Passwörter|sehr häufiges Passwort/, weak);
      assert.doesNotMatch(weak, /password|guess|hours|seconds|word/i, weak);
      await shoot(d, 'strength-de.png');
      await d.clear('#new-passphrase');

      // At the window's default width, the German header keeps its seven entries on one line.
      await createVault(d, PASSPHRASE);
      const { width, rows } = await d.execute(`return {
        width: window.innerWidth,
        rows: new Set([...document.querySelectorAll('nav .nav')].map((b) => Math.round(b.getBoundingClientRect().top))).size,
      }`);
      assert.ok(width <= 1000, `the window opened ${width} px wide, wider than its default`);
      assert.equal(rows, 1, `the German navigation wraps onto ${rows} lines at ${width} px`);
    },
    { LANG: 'de_DE.UTF-8', LANGUAGE: '', LC_ALL: '', LC_MESSAGES: '' },
  ));
