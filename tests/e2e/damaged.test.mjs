// A damaged vault.age: the unlock screen lists the backups and restores the chosen one in the
// window, keeping the damaged file aside.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { appBinary, freshVaultDir, startApp, ENGLISH } from './webdriver.mjs';

const PASSPHRASE = 'orange kayak wanders north at dawn';

test('a damaged vault is restored from a backup on the unlock screen', async () => {
  const vaultDir = freshVaultDir();
  const cli = path.join(path.dirname(appBinary()), 'tresor');
  const run = (...args) =>
    execFileSync(cli, ['--vault', vaultDir, ...args], { env: { ...process.env, TRESOR_PASSPHRASE: PASSPHRASE } });
  run('init');
  run('profile', 'add', 'given_name', 'Anna');
  run('profile', 'add', 'family_name', 'Musterfrau');
  const file = path.join(vaultDir, 'vault.age');
  const damaged = fs.readFileSync(file).subarray(0, 300);
  fs.writeFileSync(file, damaged);
  const backupsBefore = fs.readdirSync(path.join(vaultDir, 'backups')).length;

  const d = await startApp({ vaultDir, env: ENGLISH });
  try {
    await d.waitFor('#passphrase');
    await d.sendKeys('#passphrase', PASSPHRASE);
    await d.click('#unlock');
    await d.waitFor('[role=alert][data-error-code=VaultDamaged]');
    const text = await d.text('[role=alert][data-error-code=VaultDamaged]');
    assert.match(text, /vault\.age is damaged/);
    await d.waitFor('li[data-backup="1"] button.restore');
    if (process.env.TRESOR_SCREENSHOTS) {
      await d.execute('document.activeElement?.blur?.()');
      await new Promise((r) => setTimeout(r, 500));
      await d.screenshot(path.join(path.resolve(process.env.TRESOR_SCREENSHOTS), 'damaged-vault.png'));
    }
    await d.click('li[data-backup="1"] button.restore');
    await d.waitFor('#dashboard-title');
  } finally {
    await d.quit();
  }
  // The damaged file was kept as a backup, and the restored vault opens on the command line.
  const kept = fs.readdirSync(path.join(vaultDir, 'backups')).map((f) => fs.readFileSync(path.join(vaultDir, 'backups', f)));
  assert.ok(kept.some((b) => b.equals(damaged)), 'the damaged vault.age is kept among the backups');
  assert.ok(kept.length >= backupsBefore);
  const profile = run('profile', 'list').toString();
  assert.match(profile, /Anna/, profile);
  fs.rmSync(path.dirname(vaultDir), { recursive: true, force: true });
});
