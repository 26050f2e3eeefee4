// End-to-end tests of the first-run guide, the demo vault, search (Ctrl+K) and the shortcuts in
// the real window (see vault.test.mjs for how to run).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { Key, runTresor, shoot, tresor, unlock, withApp } from './webdriver.mjs';

const ARROW_DOWN = '\uE015';
const ESCAPE = '\uE00C';
const DEMO_PASSPHRASE = 'tresor demo sample data only';

test('the first-run guide opens the demo vault beside the vault folder; removing it leaves no trace', (t) =>
  withApp(t, async (d, vaultDir) => {
    const demoDir = `${vaultDir}-demo`;
    await d.waitForText('#welcome-step', /Step 1 of 3/);
    await d.click('#welcome-next');
    await d.waitForText('#welcome-step', /Step 2 of 3/);
    await d.click('#welcome-next');
    await d.waitForText('#welcome-step', /Step 3 of 3/);
    await shoot(d, 'welcome-3.png');

    await d.click('#welcome-demo');
    await d.waitFor('#dashboard-title', { timeout: 30_000 });
    await d.waitForText('#demo-banner', /Demo vault — sample data/);
    assert.ok(fs.existsSync(path.join(demoDir, 'tresor.json')), 'no demo vault beside the vault folder');
    assert.equal(JSON.parse(fs.readFileSync(path.join(demoDir, 'tresor.json'))).demo, true);
    assert.equal(fs.existsSync(vaultDir), false, 'the demo wrote into the vault folder');

    // The sample data is there: companies with consents in several states.
    await d.click('#nav-companies');
    await d.waitForText('main', /Zalando SE/);
    const companies = await d.text('main');
    for (const name of ['PayPal', 'Netflix', 'IKEA', 'PAYBACK', 'Spotify', 'Deutsche Bahn', 'CHECK24']) {
      assert.ok(companies.includes(name), `${name} is not among the demo companies: ${companies}`);
    }
    await shoot(d, 'demo-companies.png');

    await d.click('#demo-remove');
    await d.waitFor('#welcome-step');
    assert.equal(await d.tryFind('#demo-banner'), null, 'the banner outlived the demo');
    assert.equal(fs.existsSync(demoDir), false, 'the demo folder is still there');
    assert.equal(fs.existsSync(vaultDir), false, 'removing the demo created something in the vault folder');
  }));

test('Ctrl+K searches the vault; arrow keys and Enter open a company; Esc closes; Ctrl+N records a consent', (t) =>
  withApp(
    t,
    async (d, vaultDir) => {
      await unlock(d, DEMO_PASSPHRASE);
      // A vault marked as a demo says so, however it was opened.
      await d.waitForText('#demo-banner', /sample data/);

      await d.chord(Key.Control, 'k');
      await d.waitFor('#search-input');
      await d.sendKeys('#search-input', 'muller');
      await d.waitFor('[role=option][data-group=profile]', { message: 'the profile hit for "muller"' });
      assert.match(await d.text('#search-results'), /Müller/);
      await d.clear('#search-input');
      await d.sendKeys('#search-input', 'payback');
      await d.waitForText('#search-results', /PAYBACK GmbH/);
      const groups = await d.findAll('#search-results [role=group]');
      assert.ok(groups.length >= 2, 'a company and its consent are two groups');
      await shoot(d, 'search.png');
      // The first hit is the company; one down is its consent; both open the company page.
      await d.sendKeys('#search-input', ARROW_DOWN);
      await d.waitFor(async () => (await d.attribute('#search-hit-1', 'aria-selected')) === 'true', {
        message: 'ArrowDown selected the second hit',
      });
      await d.sendKeys('#search-input', Key.Enter);
      await d.waitForText('#company-title', /PAYBACK GmbH/);
      assert.equal(await d.tryFind('#search-input'), null, 'the dialog stayed open');

      await d.chord(Key.Control, 'k');
      await d.waitFor('#search-input');
      await d.sendKeys('#search-input', ESCAPE);
      await d.waitFor(async () => (await d.tryFind('#search-input')) === null, { message: 'Esc closed the dialog' });

      await d.chord(Key.Control, 'n');
      await d.waitFor('#grant-title');

      // Removing a demo opened as the vault folder itself deletes it too (it is marked).
      await d.click('#demo-remove');
      await d.waitFor('#welcome-step');
      assert.equal(fs.existsSync(vaultDir), false, 'the demo vault folder is still there');
    },
    undefined,
    (vaultDir) => tresor(vaultDir, 'demo', 'create'),
  ));

test('a deleted profile field comes back with Undo, with the same id', (t) =>
  withApp(
    t,
    async (d, vaultDir) => {
      await unlock(d, DEMO_PASSPHRASE);
      await d.click('#nav-profile');
      await d.waitFor('li.profile-field[data-kind=interest]');
      const rows = await d.findAll('li.profile-field[data-kind=interest]');
      assert.equal(rows.length, 3, 'the demo has three interests');
      const id = await d.attribute(`@${rows[2]}`, 'data-id');
      const selector = `li.profile-field[data-id="${id}"]`;
      assert.match(await d.text(selector), /Jazz/);

      await d.click(`${selector} button.delete`);
      await d.click(`${selector} .confirm-delete`);
      await d.waitFor(async () => (await d.tryFind(selector)) === null, { message: 'the field was deleted' });
      await d.waitForText('#undo-notice', /Deleted Interest Jazz\./);
      await shoot(d, 'undo.png');
      const without = JSON.parse(runDemo(vaultDir, 'profile', 'list'));
      assert.ok(!JSON.stringify(without).includes(id), 'the CLI still sees the deleted field');

      await d.click('#undo');
      await d.waitForText(selector, /Jazz/);
      assert.equal(await d.tryFind('#undo-notice'), null, 'the notice stayed after Undo');
      const back = JSON.parse(runDemo(vaultDir, 'profile', 'list'));
      assert.ok(JSON.stringify(back).includes(id), 'the CLI does not see the field back with its id');
      const history = runDemo(vaultDir, 'log');
      assert.match(history, /Removed .*interest/i);
    },
    undefined,
    (vaultDir) => tresor(vaultDir, 'demo', 'create'),
  ));

/** The CLI on the demo vault, with the demo's passphrase, in JSON where it has JSON. */
function runDemo(vaultDir, ...args) {
  const json = args[0] === 'log' ? [] : ['--json'];
  return runTresor({ vaultDir, env: { TRESOR_PASSPHRASE: DEMO_PASSPHRASE } }, [...json, ...args]);
}
