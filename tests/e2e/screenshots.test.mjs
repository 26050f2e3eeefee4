// Screenshots of the real window for the README. Skipped unless TRESOR_SCREENSHOTS names a folder:
//
//   TRESOR_SCREENSHOTS=docs/screenshots TRESOR_APP=target/debug/tresor-app \
//     xvfb-run -a --server-args='-screen 0 1280x900x24' node --test tests/e2e/screenshots.test.mjs
//
// Writes create, recovery-key, home, unlock-error, settings and profile (.png), home-dark.png
// with the dark GTK theme, and dashboard and company in both themes and both languages.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import {
  appBinary,
  createVault,
  ENGLISH,
  freshVaultDir,
  historyTexts,
  startApp,
  typeNewPassphrase,
  unlock,
} from './webdriver.mjs';

const dir = process.env.TRESOR_SCREENSHOTS ? path.resolve(process.env.TRESOR_SCREENSHOTS) : null;
const skip = dir ? false : 'set TRESOR_SCREENSHOTS=<folder> to take the README screenshots';
const PASSPHRASE = 'orange kayak wanders north at dawn';

/** No caret or focus ring from the last click in the pictures (autofocus stays as the app does it). */
async function settle(d) {
  await d.execute('document.activeElement?.blur?.()');
  await new Promise((r) => setTimeout(r, 300)); // let transitions finish
}

async function shoot(d, name) {
  const file = path.join(dir, `${name}.png`);
  const png = await d.screenshot(file);
  assert.ok(png.subarray(1, 4).toString() === 'PNG', `${name}: the driver did not return a PNG`);
  return file;
}

async function session(env, body) {
  appBinary();
  const vaultDir = freshVaultDir();
  const d = await startApp({ vaultDir, env });
  try {
    await body(d, vaultDir);
  } finally {
    await d.quit();
    fs.rmSync(path.dirname(vaultDir), { recursive: true, force: true });
  }
}

test('README screenshots (light theme)', { skip }, () =>
  session(ENGLISH, async (d) => {
    await typeNewPassphrase(d, PASSPHRASE);
    await d.waitFor('.strength .level', { message: 'the strength verdict' });
    await settle(d);
    await shoot(d, 'create');

    await d.click('#create-vault');
    await d.waitFor('#recovery-key');
    await settle(d);
    await shoot(d, 'recovery-key');

    await d.click('#recovery-saved');
    await d.waitForEnabled('#recovery-continue');
    await d.click('#recovery-continue');
    await d.waitFor('#dashboard-title');
    // A little history: a setting change, then back home.
    await d.click('#nav-settings');
    await d.waitFor('#auto-lock-minutes');
    await d.clear('#auto-lock-minutes');
    await d.sendKeys('#auto-lock-minutes', '10');
    await d.click('#save-auto-lock');
    await d.waitFor('#auto-lock-status p.success');
    await settle(d);
    await shoot(d, 'settings');

    await d.click('#nav-home');
    await historyTexts(d, 2);
    await settle(d);
    await shoot(d, 'home');

    await d.click('#lock');
    await d.waitFor('#passphrase');
    await d.sendKeys('#passphrase', 'orange kayak wanders south');
    await d.click('#unlock');
    await d.waitFor('[role=alert][data-error-code=WrongPassphrase]');
    await settle(d);
    await shoot(d, 'unlock-error');
    await unlock(d, PASSPHRASE);
  }));

test('README screenshot (dark theme)', { skip }, () =>
  session({ ...ENGLISH, GTK_THEME: 'Adwaita:dark' }, async (d) => {
    await createVault(d, PASSPHRASE);
    await historyTexts(d, 1);
    const dark = await d.execute("return matchMedia('(prefers-color-scheme: dark)').matches");
    assert.ok(dark, 'WebKitGTK did not report prefers-color-scheme: dark with GTK_THEME=Adwaita:dark');
    await settle(d);
    await shoot(d, 'home-dark');
  }));

test('README screenshot (profile)', { skip }, () =>
  session(ENGLISH, async (d, vaultDir) => {
    await createVault(d, PASSPHRASE);
    // Fill the profile through the CLI while the window has the vault open, as a user may.
    const cli = path.join(path.dirname(appBinary()), 'tresor');
    const add = (...args) =>
      execFileSync(cli, ['--vault', vaultDir, 'profile', 'add', ...args], {
        env: { ...process.env, TRESOR_PASSPHRASE: PASSPHRASE },
      });
    add('given_name', 'Anna');
    add('family_name', 'Musterfrau');
    add('email', 'anna@example.org', '--label', 'home');
    add('email', 'a.musterfrau@firma.example', '--label', 'work');
    add('phone', '+49 30 1234567', '--label', 'home');
    add('address', '--label', 'home', '--field', 'street=Hauptstraße 5', '--field', 'postcode=10115',
      '--field', 'locality=Berlin', '--field', 'country=DE');
    add('birth_date', '1985-04-12');
    add('language', 'de');
    add('preference', 'newsletter: monthly');
    add('dietary_needs', 'vegetarian');
    await d.click('#nav-profile');
    await d.waitForText('li.profile-field[data-kind="address"]', (text) => text.includes('Berlin'));
    await settle(d);
    await shoot(d, 'profile');
  }));

const GERMAN = { LANG: 'de_DE.UTF-8', LANGUAGE: '', LC_ALL: '', LC_MESSAGES: '' };
const DARK = { GTK_THEME: 'Adwaita:dark' };

/** The ledger pictures in each theme and language: `dashboard`, `company` + `-de`, `-dark`. */
for (const [suffix, env] of [
  ['', ENGLISH],
  ['-dark', { ...ENGLISH, ...DARK }],
  ['-de', GERMAN],
  ['-de-dark', { ...GERMAN, ...DARK }],
]) {
  test(`README screenshots (consent ledger${suffix})`, { skip }, () =>
    session(env, async (d, vaultDir) => {
      await createVault(d, PASSPHRASE);
      const dark = await d.execute("return matchMedia('(prefers-color-scheme: dark)').matches");
      assert.equal(dark, suffix.endsWith('dark'), 'the theme the picture is named for');
      const cli = path.join(path.dirname(appBinary()), 'tresor');
      const run = (...args) =>
        execFileSync(cli, ['--vault', vaultDir, ...args], { env: { ...process.env, TRESOR_PASSPHRASE: PASSPHRASE } });
      run('company', 'add', 'ACME Magazin', '--domain', 'acme-magazin.example', '--email', 'datenschutz@acme-magazin.example', '--jurisdiction', 'DE');
      run('consent', 'grant', '--company', 'ACME Magazin', '--purpose', 'DirectMarketing', '--fields', 'given_name,family_name,address', '--expires', '1y', '--value-received', 'gift subscription');
      run('consent', 'grant', '--company', 'Bonus Club', '--purpose', 'PersonalisedAdvertising,SellDataToThirdParties', '--fields', 'email,birth_date,interest', '--to', 'Adressverlag GmbH', '--value-received', 'loyalty points');
      run('consent', 'grant', '--company', 'Stadtwerke', '--purpose', 'ServiceProvision', '--fields', 'given_name,family_name,address,email', '--expires', '20d');
      run('consent', 'grant', '--company', 'FitApp', '--purpose', 'ServicePersonalisation', '--fields', 'given_name,dietary_needs', '--expires', '6m');
      await d.click('#nav-profile'); // leave and come back: the dashboard loads anew
      await d.click('#nav-dashboard');
      await d.waitForText('#count-active', (text) => text.trim() === '4');
      await d.waitForText('#risky-list', (text) => text.includes('Bonus Club'));
      await settle(d);
      await shoot(d, `dashboard${suffix}`);
      await d.click('#nav-companies');
      await d.waitFor('li.company');
      await d.click('li.company a, li.company button');
      await d.waitFor('#company-title');
      await settle(d);
      await shoot(d, `company${suffix}`);
    }));
}
