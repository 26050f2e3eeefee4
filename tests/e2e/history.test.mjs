// The history in German after a session that touches the profile, companies and consents: every
// line is worded by the UI from the typed event, none falls back to the core's English.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { appBinary, createVault, historyTexts, withApp } from './webdriver.mjs';

const PASSPHRASE = 'orange kayak wanders north at dawn';
const ENGLISH_WORDS = /\b(added|changed|removed|given|withdrawn|consent|company|vault|setting|created|event)\b/i;

test('the German history has no English line', (t) =>
  withApp(t, async (d, vaultDir) => {
    await createVault(d, PASSPHRASE);
    await d.click('#nav-settings');
    await d.waitFor('#language');
    await d.execute(
      "const s = document.querySelector('#language'); s.value = 'de'; s.dispatchEvent(new Event('change', { bubbles: true }));",
    );
    await d.waitForText('#language-title', (text) => text.includes('Sprache'));

    const cli = path.join(path.dirname(appBinary()), 'tresor');
    const run = (...args) =>
      execFileSync(cli, ['--vault', vaultDir, ...args], { env: { ...process.env, TRESOR_PASSPHRASE: PASSPHRASE } })
        .toString();
    run('profile', 'add', 'email', 'anna@example.org', '--label', 'privat');
    const id = JSON.parse(run('--json', 'profile', 'list'))[0].id;
    run('profile', 'set', id, 'anna@example.net');
    run('profile', 'add', 'given_name', 'Anna');
    run('company', 'add', 'ACME Magazin', '--jurisdiction', 'DE');
    run('company', 'edit', 'ACME Magazin', '--domain', 'acme-magazin.example');
    const consent = JSON.parse(
      run('--json', 'consent', 'grant', '--company', 'ACME Magazin', '--purpose', 'DirectMarketing', '--fields', 'email', '--expires', '1y'),
    ).consent.id;
    run('consent', 'withdraw', consent, '--reason', 'zu viel Post');
    run('profile', 'rm', id);

    const lines = await historyTexts(d, 9);
    const english = lines.filter((line) => ENGLISH_WORDS.test(line));
    assert.deepEqual(english, [], `English lines in the German history:\n${lines.join('\n')}`);
    for (const expected of [
      'E-Mail (privat) hinzugefügt',
      'E-Mail (privat) geändert',
      'Unternehmen ACME Magazin geändert',
      'Einwilligung an ACME Magazin erteilt',
      'Einwilligung widerrufen: zu viel Post',
      'E-Mail (privat) entfernt',
    ]) {
      assert.ok(lines.some((line) => line.includes(expected)), `"${expected}" missing from:\n${lines.join('\n')}`);
    }
    if (process.env.TRESOR_SCREENSHOTS) {
      await d.execute('document.activeElement?.blur?.()');
      await d.execute("document.querySelector('#history li:last-child')?.scrollIntoView({ block: 'end' })");
      await new Promise((r) => setTimeout(r, 300));
      await d.screenshot(path.join(path.resolve(process.env.TRESOR_SCREENSHOTS), 'history-de.png'));
    }
  }));
