// On unlock, a desktop notification names the consents that end within 7 days. The test
// watches the session bus for the org.freedesktop.Notifications call the app makes, so it
// needs a D-Bus session: `make test-e2e` runs the suite under dbus-run-session.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { appBinary, ENGLISH, freshVaultDir, startApp, unlock } from './webdriver.mjs';

const PASSPHRASE = 'orange kayak wanders north at dawn';

test('unlocking names the consents that end within 7 days in a desktop notification', async () => {
  assert.ok(process.env.DBUS_SESSION_BUS_ADDRESS, 'no D-Bus session: run under dbus-run-session (make test-e2e does)');
  const vaultDir = freshVaultDir();
  const cli = path.join(path.dirname(appBinary()), 'tresor');
  const run = (...args) =>
    execFileSync(cli, ['--vault', vaultDir, ...args], { env: { ...process.env, TRESOR_PASSPHRASE: PASSPHRASE } });
  run('init');
  run('consent', 'grant', '--company', 'ACME Magazin', '--purpose', 'DirectMarketing', '--fields', 'email', '--expires', '3d');
  run('consent', 'grant', '--company', 'Stadtwerke', '--purpose', 'ServiceProvision', '--fields', 'address', '--expires', '1y');

  const monitor = spawn('dbus-monitor', ['--session', "type='method_call',interface='org.freedesktop.Notifications',member='Notify'"]);
  let seen = '';
  monitor.stdout.on('data', (chunk) => (seen += chunk.toString()));
  const d = await startApp({ vaultDir, env: ENGLISH });
  try {
    await unlock(d, PASSPHRASE);
    await d.waitFor(async () => seen.includes('Consents ending soon'), {
      timeout: 10_000,
      message: 'a Notify call titled "Consents ending soon"',
    });
    assert.match(seen, /1 consent\(s\) end within 7 days: ACME Magazin/);
    assert.doesNotMatch(seen, /Stadtwerke/, 'a consent ending in a year was named');
  } finally {
    await d.quit();
    monitor.kill();
    fs.rmSync(path.dirname(vaultDir), { recursive: true, force: true });
  }
});
