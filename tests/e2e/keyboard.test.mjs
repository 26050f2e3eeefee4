// One journey with the keyboard alone (tests/e2e/keys.mjs: key presses through WebDriver
// Actions, never a click): create a vault, add a name to the profile, record a consent for a
// new company, give it a data package (the GTK save dialog is answered by typing, as a keyboard
// user does), and lock. After each step: what the window shows, and that the control with the
// focus shows it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { assertFocus, focused, Keys, press, tabTo, type } from './keys.mjs';
import { answerFileDialog, RECOVERY_KEY, withApp } from './webdriver.mjs';

const PASSPHRASE = 'orange kayak wanders north at dawn';

/** Tab to `css` unless it has the focus already. */
async function focusOn(d, css, opts) {
  if (await d.execute('return document.activeElement?.matches(arguments[0]) ?? false', [css])) return;
  await tabTo(d, css, opts);
}

/** The new screen's title has the focus: a screen reader reads it, and Tab goes on from there. */
async function titleFocused(d, id) {
  await d.waitFor(async () => (await focused(d)).id === id, { message: `the focus on the title #${id}` });
}

/** With TRESOR_SCREENSHOTS=DIR, the window as it is, focus ring included. */
async function picture(d, name) {
  if (process.env.TRESOR_SCREENSHOTS) {
    await d.screenshot(path.join(path.resolve(process.env.TRESOR_SCREENSHOTS), `keyboard-${name}.png`));
  }
}

test('create, add a field, record a consent, give a data package and lock: with the keyboard alone', (t) =>
  withApp(t, async (d, vaultDir) => {
    const home = path.dirname(vaultDir);

    // The first-run guide: Enter on "Next" twice, then on "Create my vault".
    await d.waitFor('#welcome-step');
    for (const n of [2, 3]) {
      await focusOn(d, '#welcome-next');
      await press(d, Keys.Enter);
      await d.waitForText('#welcome-step', new RegExp(`${n} of 3`));
    }
    await focusOn(d, '#welcome-create');
    await press(d, Keys.Enter);

    // Create: the passphrase field has the focus; type it twice, Enter.
    await d.waitFor('#new-passphrase');
    await d.waitFor(async () => (await focused(d)).id === 'new-passphrase', { message: 'the passphrase field has the focus' });
    await assertFocus(d, '#new-passphrase', 'create');
    await type(d, PASSPHRASE);
    await tabTo(d, '#confirm-passphrase');
    await type(d, PASSPHRASE);
    await d.waitForEnabled('#create-vault');
    await press(d, Keys.Enter);

    // The recovery key: tick "saved", continue.
    const key = await d.waitForText('#recovery-key', RECOVERY_KEY);
    assert.match(key, RECOVERY_KEY);
    await tabTo(d, '#recovery-saved');
    await press(d, Keys.Space);
    await d.waitFor(async () => d.property('#recovery-saved', 'checked'), { message: 'Space ticks the box' });
    await picture(d, 'recovery-saved');
    await tabTo(d, '#recovery-continue');
    await press(d, Keys.Enter);
    await d.waitFor('#dashboard-title');

    // The profile: the first field, a given name.
    await tabTo(d, '#nav-profile', { back: true });
    await press(d, Keys.Enter);
    await d.waitFor('#profile-empty');
    await titleFocused(d, 'profile-title');
    await tabTo(d, '#add-name');
    await press(d, Keys.Enter);
    await d.waitFor('#field-text');
    await focusOn(d, '#field-text');
    await assertFocus(d, '#field-text', 'the new field');
    await type(d, 'Anna');
    await press(d, Keys.Enter);
    await d.waitForText('li.profile-field[data-kind="given_name"]', (text) => text.includes('Anna'));
    assert.match(await d.text('#profile-status'), /\S/, 'the saved field is announced in the status region');

    // A consent for a new company: direct marketing, the given name.
    await tabTo(d, '#nav-dashboard', { back: true });
    await press(d, Keys.Enter);
    await d.waitFor('#dashboard-title');
    await tabTo(d, '#record-consent');
    await press(d, Keys.Enter);
    await d.waitFor('#consent-company-new');
    await titleFocused(d, 'grant-title');
    await tabTo(d, '#consent-company-new');
    await type(d, 'ACME Magazin');
    await tabTo(d, '#purpose-DirectMarketing');
    await press(d, Keys.Space);
    await tabTo(d, '#kind-given_name');
    await press(d, Keys.Space);
    await picture(d, 'consent-field');
    await tabTo(d, '#consent-save');
    await press(d, Keys.Enter);
    await d.waitForText('#company-title', (text) => text.includes('ACME Magazin'));
    await d.waitFor('li.consent[data-status="given"]');
    await titleFocused(d, 'company-title');

    // A package names its recipient by web domain: add ACME's on its page.
    await tabTo(d, '#company-edit');
    await press(d, Keys.Enter);
    await tabTo(d, '#company-domain');
    await type(d, 'acme-magazin.example');
    await press(d, Keys.Enter);
    await d.waitForText('#company-domain-value', (text) => text.includes('acme-magazin.example'));

    // A data package for ACME, from its page: every wizard step with Tab, Space and Enter.
    await tabTo(d, '#company-give-data');
    await press(d, Keys.Enter);
    await d.waitFor('#wizard-step-title[data-step="company"]');
    await d.waitFor(async () => (await d.property('#package-company', 'value')) !== '', { message: 'ACME chosen' });
    const step = async (name) => {
      await tabTo(d, '#wizard-next');
      await press(d, Keys.Enter);
      await d.waitFor(`#wizard-step-title[data-step="${name}"]`);
    };
    await step('purposes');
    await tabTo(d, '#package-purpose-ServiceProvision');
    await press(d, Keys.Space);
    await step('fields');
    await tabTo(d, 'li.pick[data-kind="given_name"] input[type=checkbox]');
    await press(d, Keys.Space);
    await step('terms');
    await step('markers');
    await step('preview');
    await d.waitForText('#package-shared', (text) => text.includes('Anna'));
    await step('protection');
    await tabTo(d, '#package-passphrase');
    await type(d, 'a passphrase told on the phone');
    await tabTo(d, '#package-save');
    const file = path.join(home, 'acme-package.tresor');
    const saved = press(d, Keys.Enter); // returns once the system dialog has closed
    await answerFileDialog('Save File', file);
    await saved;
    await d.waitForText('#package-path', (text) => text.includes(file));
    assert.ok(fs.existsSync(file), `${file} was written`);

    // Lock: Shift+Tab up to the Lock button in the header, Enter.
    await tabTo(d, '#lock', { back: true, max: 60 });
    await picture(d, 'lock');
    await press(d, Keys.Enter);
    await d.waitFor('#passphrase');
    await assertFocus(d, '#passphrase', 'after locking');
    assert.equal(await d.tryFind('#dashboard-title'), null, 'nothing of the vault is shown once locked');
  }));
