// On unlock, a desktop notification says how many consents end within 7 days. The notification
// service keeps what it shows outside the vault (the desktop's notification history), so it
// names no company, and it is worded in the UI's language, not in $LANG. The test watches the
// session bus for the org.freedesktop.Notifications calls the app makes, so it needs a D-Bus
// session: `make test-e2e` runs the suite under dbus-run-session.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { appBinary, ENGLISH, freshVaultDir, startApp, unlock } from './webdriver.mjs';

const PASSPHRASE = 'orange kayak wanders north at dawn';

test('the unlock notification counts the consents ending within 7 days and the overdue requests, names none, in the UI language', async () => {
  assert.ok(process.env.DBUS_SESSION_BUS_ADDRESS, 'no D-Bus session: run under dbus-run-session (make test-e2e does)');
  const vaultDir = freshVaultDir();
  const cli = path.join(path.dirname(appBinary()), 'tresor');
  const run = (...args) =>
    execFileSync(cli, ['--vault', vaultDir, ...args], { env: { ...process.env, TRESOR_PASSPHRASE: PASSPHRASE } });
  run('init');
  run('consent', 'grant', '--company', 'ACME Magazin', '--purpose', 'DirectMarketing', '--fields', 'email', '--expires', '3d');
  run('consent', 'grant', '--company', 'Bäckerei Sonne', '--purpose', 'CustomerCare', '--fields', 'phone', '--expires', '5d');
  run('consent', 'grant', '--company', 'Stadtwerke', '--purpose', 'ServiceProvision', '--fields', 'address', '--expires', '1y');
  // An access request sent three months ago: its month is long over.
  const request = JSON.parse(
    run('--json', 'letter', 'access', '--company', 'Stadtwerke', '--identifier', 'e-mail=anna@example.org').toString(),
  );
  const sent = new Date(Date.now() - 92 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  run('request', 'mark-sent', request.id, '--on', sent);

  const monitor = spawn('dbus-monitor', ['--session', "type='method_call',interface='org.freedesktop.Notifications',member='Notify'"]);
  let seen = '';
  monitor.stdout.on('data', (chunk) => (seen += chunk.toString()));
  // $LANG is English throughout: only the UI's own language may make the text German.
  const d = await startApp({ vaultDir, env: ENGLISH });
  try {
    await unlock(d, PASSPHRASE);
    await d.waitFor(async () => seen.includes('Consents ending soon'), {
      timeout: 10_000,
      message: 'a Notify call titled "Consents ending soon"',
    });
    assert.match(seen, /"2 consents end within 7 days\."/);
    await d.waitFor(async () => seen.includes('1 request is overdue; a reminder is ready.'), {
      timeout: 10_000,
      message: 'a Notify call counting the overdue request',
    });
    for (const name of ['ACME', 'Bäckerei', 'B\\303\\244ckerei', 'Stadtwerke']) {
      assert.ok(!seen.includes(name), `the notification names a company (${name}): ${seen}`);
    }

    // Switch the UI to German in Settings, lock, unlock again.
    await d.click('#nav-settings');
    await d.click('#language option[value="de"]');
    await d.waitForText('#language-title', (text) => text === 'Sprache');
    const englishCalls = seen;
    await d.click('#lock');
    await unlock(d, PASSPHRASE);
    await d.waitFor(async () => seen.slice(englishCalls.length).includes('Einwilligungen laufen bald ab'), {
      timeout: 10_000,
      message: 'a German Notify call after the UI switched to German',
    });
    const german = seen.slice(englishCalls.length);
    assert.match(german, /"2 Einwilligungen enden in den n(ä|\\303\\244)chsten 7 Tagen\."/);
    await d.waitFor(async () => /Auf 1 Anfrage ist die Antwort (ü|\\303\\274)berf(ä|\\303\\244)llig/.test(seen.slice(englishCalls.length)), {
      timeout: 10_000,
      message: 'the overdue count in German',
    });
    assert.doesNotMatch(german, /Consents ending soon/);
    for (const name of ['ACME', 'Bäckerei', 'B\\303\\244ckerei', 'Stadtwerke']) {
      assert.ok(!german.includes(name), `the German notification names a company (${name}): ${german}`);
    }
  } finally {
    await d.quit();
    monitor.kill();
    fs.rmSync(path.dirname(vaultDir), { recursive: true, force: true });
  }
});
