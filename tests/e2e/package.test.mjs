// A data package made in the real window and checked by the company's side (`tresor verify`):
// the wizard's preview, the GTK save dialog (driven with xdotool), then revoking it and saving
// the new status list, after which the same package verifies as revoked (exit code 16).
//
// With TRESOR_SCREENSHOTS=docs/screenshots it also writes package-preview.png and
// package-revoked.png there.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { answerFileDialog, unlock, withApp, cliBinary, tresor } from './webdriver.mjs';

const PASSPHRASE = 'orange kayak wanders north at dawn';
const shots = process.env.TRESOR_SCREENSHOTS ? path.resolve(process.env.TRESOR_SCREENSHOTS) : null;

/** `tresor verify …` as the company runs it: its exit code and what it printed. */
function verify(...args) {
  const run = spawnSync(cliBinary(), ['verify', ...args], { timeout: 60_000 });
  return { code: run.status, out: `${run.stdout}${run.stderr}` };
}

async function settle(d) {
  await d.execute('document.activeElement?.blur?.()');
  await new Promise((r) => setTimeout(r, 300));
}

async function shoot(d, name) {
  if (!shots) return;
  await settle(d);
  const png = await d.screenshot(path.join(shots, name));
  assert.equal(png.subarray(1, 4).toString(), 'PNG', `${name}: the driver did not return a PNG`);
}

async function next(d, step) {
  await d.waitForEnabled('#wizard-next');
  await d.click('#wizard-next');
  await d.waitFor(`#wizard-step-title[data-step="${step}"]`);
}

test('a package made in the wizard verifies for the company, and as revoked once revoked', (t) => {
  let home;
  let key;
  return withApp(
    t,
    async (d, vaultDir) => {
      await unlock(d, PASSPHRASE);

      // The wizard, from the dashboard: ACME (the only company) is chosen already.
      await d.click('#give-data');
      await d.waitFor(async () => (await d.property('#package-company', 'value')) !== '', {
        message: 'ACME preselected',
      });
      await next(d, 'purposes');
      await d.click('#package-purpose-ServiceProvision');
      await d.click('#package-purpose-CustomerCare');
      await next(d, 'fields');
      for (const kind of ['given_name', 'family_name', 'email', 'address', 'birth_date']) {
        await d.click(`li.pick[data-kind="${kind}"] input[type=checkbox]`);
        // What the company gets arrives from the core a moment later and moves what is below it.
        await d.waitFor(`li.pick[data-kind="${kind}"] .shown`);
      }
      await next(d, 'terms');
      await next(d, 'markers');
      assert.equal(await d.enabled('#package-reference'), false, 'a reference code needs the full address');
      await d.sendKeys('input[id^="variant-"]', 'Annah');
      await next(d, 'preview');

      const shared = await d.waitForText('#package-shared', (text) => text.includes('+'));
      for (const left of ['Annah', 'Schmidt', '10115 Berlin, DE', '18+']) {
        assert.ok(shared.includes(left), `${left} leaves: ${shared}`);
      }
      assert.match(shared, /anna\+[a-z2-9]{6}@mail\.example/, `the e-mail leaves as a sub-address: ${shared}`);
      const json = await d.text('#package-json');
      for (const kept of ['Lindenstraße', '1990', 'anna@mail.example']) {
        assert.ok(!json.includes(kept), `${kept} must not leave the vault: ${json}`);
      }
      assert.match(await d.text('#preview-issuer'), /^did:key:z6Mk/);
      await shoot(d, 'package-preview.png');

      await next(d, 'protection');
      assert.equal(await d.property('#encryption-recipient', 'checked'), true, 'encrypted to ACME by default');
      const file = path.join(home, 'acme-package.tresor');
      const saved = d.click('#package-save'); // returns once the dialog has closed
      await answerFileDialog('Save File', file);
      await saved;
      await d.waitForText('#package-path', (text) => text.includes(file));
      assert.ok(fs.existsSync(file), `${file} was written`);
      assert.match(await d.text('#verify-command'), /tresor verify acme-package\.tresor --identity/);

      // The company's side: decrypt with its key, check proof, expiry and recipient.
      const ok = verify(file, '--identity', key, '--recipient', 'acme.example');
      assert.equal(ok.code, 0, `tresor verify: ${ok.out}`);

      // Revoke it on the company page, then hand over the new status list.
      await d.click('#package-open-company');
      await d.waitFor('#company-packages li.package[data-status="active"]');
      await d.click('#company-packages li.package button.revoke');
      await d.waitFor('#revoke-reason');
      const dialog = await d.text('[role=dialog]');
      assert.match(dialog, /cannot erase a copy ACME Magazin already has/, dialog);
      await d.sendKeys('#revoke-reason', 'moved away');
      await d.click('#revoke-confirm');
      await d.waitFor('#company-packages li.package[data-status="revoked"]');
      await d.waitFor('li.consent[data-status="withdrawn"]');

      const list = path.join(home, 'acme-status-list.json');
      const listSaved = d.click('#revoked-save-status-list');
      await answerFileDialog('Save File', list);
      await listSaved;
      await d.waitForText('#company-packages-status', (text) => text.includes(list));

      const notice = path.join(home, 'acme-revocation.json');
      const noticeSaved = d.click('#revoked-save-notice');
      await answerFileDialog('Save File', notice);
      await noticeSaved;
      await d.waitForText('#company-packages-status', (text) => text.includes(notice));
      assert.match(fs.readFileSync(notice, 'utf8'), /urn:uuid:/, 'the notice names the package');

      // The packages panel just below the (sticky) header.
      await d.execute(
        "const top = document.getElementById('packages-title').getBoundingClientRect().top;" +
          "window.scrollBy(0, top - document.querySelector('.app-header').offsetHeight - 32);",
      );
      await shoot(d, 'package-revoked.png');

      await d.click('#nav-dashboard');
      await d.waitForText('#packages-revoked', (text) => text.trim() === '1');

      const revoked = verify(file, '--identity', key, '--status-list', list);
      assert.equal(revoked.code, 16, `tresor verify with the new status list: ${revoked.out}`);
    },
    undefined,
    (vaultDir) => {
      // The vault, the profile and ACME (with its own age key) come from the CLI.
      home = path.dirname(vaultDir);
      key = path.join(home, 'acme-key.txt');
      execFileSync('age-keygen', ['-o', key], { stdio: 'ignore' });
      const recipient = /# public key: (age1\w+)/.exec(fs.readFileSync(key, 'utf8'))[1];
      tresor(vaultDir, 'init');
      tresor(vaultDir, 'profile', 'add', 'given_name', 'Anna');
      tresor(vaultDir, 'profile', 'add', 'family_name', 'Schmidt');
      tresor(vaultDir, 'profile', 'add', 'email', 'anna@mail.example', '--label', 'home');
      tresor(vaultDir, 'profile', 'add', 'birth_date', '1990-05-17');
      tresor(
        vaultDir, 'profile', 'add', 'address', '--label', 'home', '--field', 'street=Lindenstraße 5',
        '--field', 'postcode=10115', '--field', 'locality=Berlin', '--field', 'country=DE',
      );
      tresor(
        vaultDir, 'company', 'add', 'ACME Magazin', '--domain', 'acme.example', '--jurisdiction', 'DE',
        '--age-recipient', recipient,
      );
    },
  );
});
