// The recovery kit in the real window: the key copied is on the real X clipboard (Xvfb), and is
// cleared from it after 30 seconds — unless the person has copied something else meanwhile,
// which Tresor leaves alone; Print opens the system's print dialog.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { test } from 'node:test';
import { RECOVERY_KEY, toCreateForm, typeNewPassphrase, withApp } from './webdriver.mjs';

const PASSPHRASE = 'orange kayak wanders north at dawn';
const CLEARED_AFTER_MS = 30_000;

/** The CLIPBOARD selection as another program reads it ('' when nobody owns it). */
function clipboard() {
  try {
    return execFileSync('xclip', ['-o', '-selection', 'clipboard'], { timeout: 5_000, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString();
  } catch {
    return '';
  }
}

/** Another program copies `text`; xclip keeps serving it until it is killed. */
function copyElsewhere(t, text) {
  const xclip = spawn('xclip', ['-i', '-selection', 'clipboard', '-quiet'], { stdio: ['pipe', 'ignore', 'ignore'] });
  xclip.stdin.end(text);
  t.after(() => xclip.kill());
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForClipboard(want, what) {
  const until = Date.now() + 5_000;
  while (clipboard() !== want) {
    if (Date.now() > until) assert.fail(`${what}: the clipboard holds ${JSON.stringify(clipboard().slice(0, 20))}…`);
    await sleep(100);
  }
}

/** The id of a visible window titled `title`, or null. */
function windowTitled(title) {
  try {
    return execFileSync('xdotool', ['search', '--onlyvisible', '--name', `^${title}$`], { timeout: 5_000 }).toString().trim();
  } catch {
    return null;
  }
}

test('Print on the recovery kit opens the system print dialog', (t) =>
  withApp(t, async (d) => {
    await toCreateForm(d);
    await typeNewPassphrase(d, PASSPHRASE);
    await d.click('#create-vault');
    await d.waitForText('#recovery-key', RECOVERY_KEY);
    assert.equal(windowTitled('Print'), null, 'a print dialog before Print was pressed');
    // The dialog is modal: the click returns only once it is closed, so do not wait for it.
    const click = d.click('#recovery-print').catch(() => {});
    let dialog = null;
    for (let i = 0; i < 50 && !dialog; i++) {
      await sleep(200);
      dialog = windowTitled('Print');
    }
    assert.ok(dialog, 'no window titled Print appeared');
    execFileSync('xdotool', ['key', '--window', dialog.split('\n')[0], 'Escape']);
    await click;
  }));

test('a copied recovery key leaves the clipboard after 30 s, something copied since stays', (t) =>
  withApp(t, async (d) => {
    await toCreateForm(d);
    await typeNewPassphrase(d, PASSPHRASE);
    await d.click('#create-vault');
    const key = await d.waitForText('#recovery-key', RECOVERY_KEY);

    // Copied, then the person copies a shopping list: that is theirs and is kept.
    await d.click('#recovery-copy');
    await waitForClipboard(key, 'right after Copy');
    copyElsewhere(t, 'milk, eggs');
    await waitForClipboard('milk, eggs', 'after another program copied');
    await sleep(CLEARED_AFTER_MS + 2_000);
    assert.equal(clipboard(), 'milk, eggs', 'Tresor cleared what another program had copied');

    // Copied again and left there: gone after 30 s, and not before.
    await d.click('#recovery-copy');
    await waitForClipboard(key, 'after the second Copy');
    await sleep(CLEARED_AFTER_MS - 5_000);
    assert.equal(clipboard(), key, 'the key was cleared before 30 s');
    await sleep(7_000);
    assert.ok(!clipboard().includes(key.slice(16)), 'the recovery key is still on the clipboard after 32 s');
  }));
