// Several devices, one vault, in the real window: a vault made with the CLI is copied as "the
// other computer", the same company is changed on both, and the other's vault.age is placed
// beside the first as Syncthing names a conflict copy. The unlock screen says that changes are
// waiting; after unlocking, the merge leaves the company as a conflict, shown side by side, and
// choosing the other computer's version is what the CLI then sees.
//
// With TRESOR_SCREENSHOTS=DIR it also writes sync-unlock.png, sync-preview.png, sync-conflict.png and
// sync-conflict-de.png.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ENGLISH, shoot, unlock, withApp, runTresor } from './webdriver.mjs';

const PASSPHRASE = 'orange kayak wanders north at dawn';
const COPY = 'vault.sync-conflict-20261202-101500-ABCDEFG.age';

function tresor(vaultDir, deviceDir, ...args) {
  return runTresor({ vaultDir, env: { TRESOR_DEVICE_DIR: deviceDir }, cwd: path.dirname(vaultDir) }, args);
}

test('changes from the other computer: noticed before unlocking, merged, the conflict settled for the other', (t) => {
  let here;
  // Filled in by the preparation, before the app starts: this computer's device folder.
  const env = { ...ENGLISH };
  return withApp(
    t,
    async (d, vaultDir) => {
      const notice = await d.waitForText('#sync-waiting', (text) => text.includes('Changes from your other computer'));
      assert.match(notice, /after unlocking you can merge them/);
      assert.match(notice, /Syncthing · device ABCDEFG/);
      await shoot(d, 'sync-unlock.png');

      await unlock(d, PASSPHRASE);
      await d.waitFor('#sync-banner');
      await d.click('#open-sync');
      const copy = await d.waitForText('#copy-0', (text) => text.includes('Merge'));
      assert.match(copy, /1 record was changed on both computers/);
      await shoot(d, 'sync-preview.png');
      await d.click('#copy-0-merge');

      await d.waitFor('#merge-report');
      const conflict = await d.waitForText('#conflict-0', (text) => text.includes('ACME Magazin'));
      assert.ok(conflict.includes('here@acme-magazin.example'), `this computer's value: ${conflict}`);
      assert.ok(conflict.includes('there@acme-magazin.example'), `the other computer's value: ${conflict}`);
      assert.ok(!fs.existsSync(path.join(vaultDir, COPY)), 'the copy moved into backups/sync/');
      await shoot(d, 'sync-conflict.png', 'sync-conflicts');

      // German, with the conflict still open (it is kept in the vault until chosen).
      await d.click('#nav-settings');
      await d.waitFor('#language');
      await d.execute(
        "const s = document.querySelector('#language'); s.value = 'de'; s.dispatchEvent(new Event('change', { bubbles: true }));",
      );
      await d.waitForText('#language-title', (text) => text.includes('Sprache'));
      await d.click('#nav-home');
      await d.click('#open-sync');
      await d.waitForText('#sync-conflicts', (text) => text.includes('Auf beiden Computern geändert'));
      await shoot(d, 'sync-conflict-de.png', 'sync-conflicts');

      await d.click('#conflict-0-theirs');
      await d.waitForText('.status-line', (text) => text.includes('Fassung des anderen Computers wurde übernommen'));

      const companies = JSON.parse(tresor(vaultDir, here, '--json', 'company', 'list'));
      assert.equal(companies.length, 1, JSON.stringify(companies));
      assert.equal(companies[0].privacyEmail, 'there@acme-magazin.example');
      assert.equal(JSON.parse(tresor(vaultDir, here, '--json', 'sync', 'status')).status.openConflicts.length, 0);
    },
    env,
    (vaultDir) => {
      const home = path.dirname(vaultDir);
      here = path.join(home, 'device-here');
      const there = path.join(home, 'device-there');
      const other = path.join(home, 'other-computer');
      env.TRESOR_DEVICE_DIR = here;
      tresor(vaultDir, here, 'init');
      tresor(vaultDir, here, 'company', 'add', 'ACME Magazin', '--domain', 'acme-magazin.example', '--email', 'privacy@acme-magazin.example');
      fs.cpSync(vaultDir, other, { recursive: true });
      tresor(vaultDir, here, 'company', 'edit', 'acme-magazin.example', '--email', 'here@acme-magazin.example');
      tresor(other, there, 'company', 'edit', 'acme-magazin.example', '--email', 'there@acme-magazin.example');
      fs.copyFileSync(path.join(other, 'vault.age'), path.join(vaultDir, COPY));
    },
  );
});
