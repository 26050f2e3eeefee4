// Accessibility in the real window: axe-core (tests/e2e/axe.mjs) on every screen and dialog,
// once with the light and once with the dark GTK theme (WebKitGTK then reports
// prefers-color-scheme: dark, which app.css follows), and the Settings page also with the other
// theme chosen there. No screen may have a serious or critical
// violation (contrast, names, labels, roles, nesting).
//
// One walk per theme: a vault made in the window, then filled with the CLI (a profile, ACME with
// a consent and a package with a sub-address), every screen in turn, each dialog and inline
// form opened and closed, a wrong passphrase, the recovery screen, a conflict copy from another
// computer merged, and finally a damaged vault.age. Moderate and minor findings are listed in
// the test's diagnostics. With TRESOR_SCREENSHOTS=DIR, each checked screen is saved as a PNG.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { A11yAudit } from './axe.mjs';
import { answerFileDialog, ENGLISH, Key, runTresor, tresor, typeNewPassphrase, unlock, withApp } from './webdriver.mjs';

const PASSPHRASE = 'orange kayak wanders north at dawn';
const DEMO_PASSPHRASE = 'tresor demo sample data only';
const Escape = '\uE00C';

/** A spam mail to `to` from a company Anna never dealt with (see trace.test.mjs). */
function spam(to) {
  return [
    `Delivered-To: ${to}`,
    'From: Adressverlag Mueller <angebote@adressverlag.example>',
    `To: Anna Schmidt <${to}>`,
    'Subject: Ihr persoenliches Gewinnspiel',
    'Date: Sun, 29 Nov 2026 08:15:00 +0100',
    'Message-ID: <20261129081500.4711@adressverlag.example>',
    '',
    'Sie haben gewonnen!',
    '',
  ].join('\n');
}

const COPY = 'vault.sync-conflict-20261202-101500-ABCDEFG.age';

/** The CLI on this computer (the app's device folder), in the vault's parent folder. */
function cli(vaultDir, ...args) {
  const home = path.dirname(vaultDir);
  return runTresor({ vaultDir, cwd: home, env: { TRESOR_DEVICE_DIR: path.join(home, 'device-here') } }, args);
}

/** Fill the open vault as another program would: the window sees it on its next screen. */
function fill(vaultDir) {
  const run = (...args) => cli(vaultDir, ...args);
  run('profile', 'add', 'given_name', 'Anna');
  run('profile', 'add', 'family_name', 'Schmidt');
  run('profile', 'add', 'email', 'anna@mail.example', '--label', 'home');
  run('profile', 'add', 'birth_date', '1990-05-17');
  run('profile', 'add', 'address', '--label', 'home', '--field', 'street=Lindenstraße 5',
    '--field', 'postcode=10115', '--field', 'locality=Berlin', '--field', 'country=DE');
  run('company', 'add', 'ACME Magazin', '--domain', 'acme-magazin.example',
    '--email', 'datenschutz@acme-magazin.example', '--jurisdiction', 'DE');
  run('consent', 'grant', '--company', 'ACME Magazin', '--purpose', 'DirectMarketing',
    '--fields', 'given_name,family_name,address', '--value-received', 'gift subscription');
  run('package', 'create', '--company', 'acme-magazin.example', '--purpose', 'ServiceProvision',
    '--fields', 'given_name,family_name,email', '--transform', 'email=subaddress', '--encrypt', 'none');
  const [made] = JSON.parse(run('--json', 'package', 'list'));
  return made.markers.find((m) => m.kind === 'sub_address').value;
}

/**
 * The same company changed here and on "the other computer", whose vault.age then lies beside
 * this one as Syncthing names a conflict copy (see sync.test.mjs).
 */
function conflictCopy(vaultDir) {
  const home = path.dirname(vaultDir);
  const other = path.join(home, 'other-computer');
  fs.cpSync(vaultDir, other, { recursive: true });
  cli(vaultDir, 'company', 'edit', 'acme-magazin.example', '--email', 'here@acme-magazin.example');
  runTresor({ vaultDir: other, cwd: home, env: { TRESOR_DEVICE_DIR: path.join(home, 'device-there') } },
    ['company', 'edit', 'acme-magazin.example', '--email', 'there@acme-magazin.example']);
  fs.copyFileSync(path.join(other, 'vault.age'), path.join(vaultDir, COPY));
}

/** The page background of each theme (app.css --bg). */
const BACKGROUND = { light: 'rgb(244, 245, 247)', dark: 'rgb(18, 21, 27)' };

async function background(d) {
  return d.execute('return getComputedStyle(document.body).backgroundColor');
}

/** Choose `value` in a select as its change event does (GTK's popup is outside the page). */
async function choose(d, css, value) {
  await d.execute(
    'const s = document.querySelector(arguments[0]); s.value = arguments[1]; s.dispatchEvent(new Event("change", { bubbles: true }));',
    [css, value],
  );
}

async function escape(d, gone) {
  await d.chord(Escape);
  await d.waitFor(async () => !(await d.tryFind(gone)), { message: `${gone} closed with Escape` });
}

/** Click a control in the page's top part: scrolled to the top first, so the sticky header does not cover it. */
async function top(d, css) {
  await d.waitFor(css); // the screen may still be loading after a click in the nav
  await d.execute('window.scrollTo(0, 0)');
  await d.click(css);
}

async function next(d, step) {
  await d.waitForEnabled('#wizard-next');
  await d.click('#wizard-next');
  await d.waitFor(`#wizard-step-title[data-step="${step}"]`);
}

async function walk(d, vaultDir, audit) {
  const check = (where) => audit.check(where);

  // First start: the guide's three steps, create, recovery key, the empty dashboard.
  for (const n of [1, 2, 3]) {
    await d.waitForText('#welcome-step', new RegExp(`${n} of 3`));
    await check(`first-run guide, step ${n}`);
    await d.click(n < 3 ? '#welcome-next' : '#welcome-create');
  }
  await d.waitFor('#new-passphrase');
  await check('create vault');
  await typeNewPassphrase(d, PASSPHRASE);
  await d.waitFor('.strength .level');
  await check('create vault, passphrase typed');
  await d.clear('#confirm-passphrase');
  await d.sendKeys('#confirm-passphrase', 'something else');
  await check('create vault, passphrases differ');
  await d.clear('#confirm-passphrase');
  await d.sendKeys('#confirm-passphrase', PASSPHRASE);
  await d.waitForEnabled('#create-vault');
  await d.click('#create-vault');
  await d.waitFor('#recovery-key');
  await check('recovery key');
  await d.click('#recovery-saved');
  await d.waitForEnabled('#recovery-continue');
  await d.click('#recovery-continue');
  await d.waitFor('#dashboard-title');
  await check('dashboard, empty');

  await d.click('#nav-profile');
  await d.waitFor('#profile-empty');
  await check('profile, empty');

  const sub = fill(vaultDir);
  const home = path.dirname(vaultDir);

  // The profile and its field form.
  await d.click('#nav-dashboard');
  await d.click('#nav-profile');
  await d.waitFor('li.profile-field[data-kind="address"]');
  await check('profile');
  await top(d, '#add-contact');
  await d.waitFor('#field-kind');
  await check('profile, new field form');
  await d.click('#field-cancel');
  await d.click('li.profile-field[data-kind="birth_date"] button.edit');
  await d.waitFor('#field-date');
  await check('profile, a field edited in its row');
  await d.click('#field-cancel');
  await d.click('li.profile-field[data-kind="birth_date"] button.delete');
  await d.waitFor('li.profile-field[data-kind="birth_date"] .confirm-delete');
  await check('profile, delete confirmation');
  await d.click('li.profile-field[data-kind="birth_date"] .confirm-delete');
  await d.waitFor('#undo-notice');
  await check('profile, a field deleted, with Undo');
  await d.click('#undo');
  await d.waitFor('li.profile-field[data-kind="birth_date"]');

  // Search (Ctrl+K), with hits.
  await d.chord(Key.Control, 'k');
  await d.waitFor('#search-input');
  await d.sendKeys('#search-input', 'acme');
  await d.waitFor('#search-results [role=option]');
  await check('search, with hits');
  await d.sendKeys('#search-input', Escape);
  await d.waitFor(async () => (await d.tryFind('#search-input')) === null, { message: 'Esc closed the search' });

  // The ledger.
  await d.click('#nav-dashboard');
  await d.waitForText('#count-active', (text) => text.trim() === '2'); // the consent and the package
  await check('dashboard');
  await top(d, '#record-consent');
  await d.waitFor('#consent-company');
  await check('record a consent');
  await d.click('#consent-save');
  await d.waitFor('.field-error');
  await check('record a consent, with errors');
  await d.click('#nav-companies');
  await d.waitFor('li.company');
  await check('companies');
  await d.click('li.company a, li.company button');
  await d.waitFor('#company-title');
  await d.waitFor('li.consent[data-status="given"]');
  await d.waitFor('#company-packages li.package');
  await check('company');
  await top(d, '#company-edit');
  await d.waitFor('#company-domain');
  await check('company, edit form');
  await d.click('#company-save');
  await d.waitFor(async () => !(await d.tryFind('#company-domain')), { message: 'the edit form closed' });

  // The company's dialogs.
  await d.click('li.consent[data-status="given"] button.withdraw');
  await d.waitFor('#withdraw-reason');
  await check('withdraw dialog');
  await escape(d, '#withdraw-reason');
  await d.click('#company-packages li.package button.revoke');
  await d.waitFor('#revoke-reason');
  await check('revoke dialog');
  await escape(d, '#revoke-reason');
  await top(d, '#company-write-letter');
  await d.waitFor('#letter-kind');
  await d.waitForEnabled('#letter-keep');
  await check('letter dialog');
  await d.click('#letter-keep');
  await d.waitFor('#letter-save-pdf');
  await check('letter dialog, kept');
  await d.click('#letter-close');

  // The export wizard, every step, and the saved package.
  await top(d, '#company-give-data');
  await d.waitFor('#wizard-step-title[data-step="company"]');
  await check('export wizard: company');
  await next(d, 'purposes');
  await check('export wizard: purposes');
  await d.click('#package-purpose-ServiceProvision');
  await next(d, 'fields');
  await check('export wizard: fields');
  for (const kind of ['given_name', 'family_name', 'email']) {
    await d.click(`li.pick[data-kind="${kind}"] input[type=checkbox]`);
    // What the company gets arrives from the core a moment later and moves what is below it.
    await d.waitFor(`li.pick[data-kind="${kind}"] .shown`);
  }
  await next(d, 'terms');
  await check('export wizard: terms');
  await next(d, 'markers');
  await check('export wizard: markers');
  await next(d, 'preview');
  await d.waitForText('#package-shared', (text) => text.includes('Anna'));
  await check('export wizard: preview');
  await next(d, 'protection');
  await check('export wizard: protection');
  await d.click('#encryption-none');
  await d.waitFor('#encryption-none-warning');
  await check('export wizard: protection, not encrypted');
  const file = path.join(home, 'acme-package.tresor');
  const saved = d.click('#package-save');
  await answerFileDialog('Save File', file);
  await saved;
  await d.waitFor('#package-path');
  await check('export wizard: package saved');

  // Trace a spam mail to the sub-address.
  await d.click('#nav-trace');
  await d.waitFor('#trace-text');
  await check('trace');
  await d.sendKeys('#trace-text', spam(sub).replaceAll('\n', Key.Enter));
  await d.click('#trace-submit');
  await d.waitFor('#trace-candidates li.candidate');
  await check('trace, result');

  // Requests and the broker dialog.
  await d.click('#nav-requests');
  await d.waitFor('#requests-list li.request');
  await check('requests');
  await top(d, '#ask-brokers');
  await d.waitFor('#broker-title');
  await check('broker dialog');
  await escape(d, '#broker-title');

  // The vault page, its check of the history, merging.
  await d.click('#nav-home');
  await d.waitFor('#history li');
  await d.click('#verify-history');
  await d.waitFor('[data-testid=verify-result]');
  await check('vault');
  await top(d, '#open-sync');
  await d.waitFor('#sync-title');
  await check('merge other computers');

  // Settings, with a refused passphrase change.
  await d.click('#nav-settings');
  await d.waitFor('#auto-lock-minutes');
  await check('settings');
  await d.sendKeys('#current-passphrase', 'not the passphrase');
  await d.sendKeys('#changed-passphrase', 'a completely different passphrase here');
  await d.sendKeys('#changed-passphrase-confirm', 'a completely different passphrase here');
  await d.waitForEnabled('#change-passphrase');
  await d.click('#change-passphrase');
  await d.waitFor('[role=alert]');
  await check('settings, passphrase refused');

  // The other theme chosen in Settings, whatever the system says; then back to the system's.
  const other = audit.theme === 'light' ? 'dark' : 'light';
  assert.equal(await background(d), BACKGROUND[audit.theme], `the ${audit.theme} background`);
  await choose(d, '#theme', other);
  await d.waitFor(async () => (await background(d)) === BACKGROUND[other], { message: `the ${other} background` });
  await check(`settings, ${other} chosen in Settings`);
  await choose(d, '#theme', 'system');
  await d.waitFor(async () => (await background(d)) === BACKGROUND[audit.theme], { message: 'the system theme again' });

  // Discovery's start page.
  await d.click('#nav-dashboard');
  await top(d, '#open-discover');
  await d.waitFor('#discover-title');
  await check('discover');

  // Locked, with changes from another computer waiting: unlock, a wrong passphrase, the
  // recovery key.
  conflictCopy(vaultDir);
  await d.click('#lock');
  await d.waitFor('#passphrase');
  await d.waitFor('#sync-waiting');
  await check('unlock, changes from another computer waiting');
  await d.sendKeys('#passphrase', 'orange kayak wanders south');
  await d.click('#unlock');
  await d.waitFor('[role=alert][data-error-code=WrongPassphrase]');
  await check('unlock, wrong passphrase');
  await d.click('#use-recovery-key');
  await d.waitFor('#recover-key');
  await check('recover with the recovery key');
  await d.click('#recover-back');
  await d.waitFor('#passphrase');

  // Unlocked again: the merge, and the conflict it leaves.
  await d.clear('#passphrase');
  await d.sendKeys('#passphrase', PASSPHRASE);
  await d.click('#unlock');
  await d.waitFor('#sync-banner');
  await check('dashboard, changes from another computer waiting');
  await top(d, '#open-sync');
  await d.waitFor('#copy-0-merge');
  await check('merge: the copy found');
  await d.click('#copy-0-merge');
  await d.waitFor('#conflict-0');
  await check('merge: a conflict to settle');
  await d.click('#lock');
  await d.waitFor('#passphrase');

  // A damaged vault.age: the backups to restore from.
  const vaultFile = path.join(vaultDir, 'vault.age');
  fs.writeFileSync(vaultFile, fs.readFileSync(vaultFile).subarray(0, 300));
  await d.clear('#passphrase');
  await d.sendKeys('#passphrase', PASSPHRASE);
  await d.click('#unlock');
  await d.waitFor('li[data-backup="1"] button.restore');
  await check('damaged vault');
}

for (const [theme, themeEnv] of [
  ['light', ENGLISH],
  ['dark', { ...ENGLISH, GTK_THEME: 'Adwaita:dark' }],
]) {
  test(`every screen and dialog has no serious or critical accessibility violation (${theme})`, (t) => {
    const env = { ...themeEnv }; // the device folder is known once the vault folder is
    return withApp(
      t,
      async (d, vaultDir) => {
        const dark = await d.execute("return matchMedia('(prefers-color-scheme: dark)').matches");
        assert.equal(dark, theme === 'dark', `the window reports prefers-color-scheme: ${dark ? 'dark' : 'light'}`);
        const audit = new A11yAudit(d, theme);
        await walk(d, vaultDir, audit);
        for (const line of audit.lesserFindings()) t.diagnostic(`moderate/minor: ${line}`);
        t.diagnostic(`${audit.checked.length} screens checked`);
        audit.assertClean();
      },
      env,
      (vaultDir) => {
        env.TRESOR_DEVICE_DIR = path.join(path.dirname(vaultDir), 'device-here');
      },
    );
  });
}

for (const [theme, themeEnv] of [
  ['light', ENGLISH],
  ['dark', { ...ENGLISH, GTK_THEME: 'Adwaita:dark' }],
]) {
  test(`the demo vault's banner and its sample data have no serious or critical violation (${theme})`, (t) =>
    withApp(
      t,
      async (d) => {
        const audit = new A11yAudit(d, theme);
        await unlock(d, DEMO_PASSPHRASE);
        await d.waitFor('#demo-banner');
        await d.waitFor('#dashboard-title');
        await audit.check('demo: dashboard');
        await d.click('#nav-companies');
        await d.waitForText('main', /Zalando SE/);
        await audit.check('demo: companies');
        await d.click('#nav-profile');
        await d.waitFor('li.profile-field[data-kind=interest]');
        await audit.check('demo: profile');
        audit.assertClean();
      },
      themeEnv,
      (vaultDir) => tresor(vaultDir, 'demo', 'create'),
    ));
}
