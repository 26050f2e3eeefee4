// The Debian package as a person installs it: what it holds, that dpkg installs it with its
// dependencies met, that the installed app unlocks a vault the installed CLI made and makes one
// (through the first-run guide) the installed CLI reads, and that removing the package removes
// the programs. Run by `make test-package` (part of `make test`) on the .deb that
// `make package-debug` wrote; installing needs root (CI and a fresh Debian machine as root).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

const dir = process.env.TRESOR_DEB_DIR;
const PASSPHRASE = 'orange kayak wanders north at dawn';

function deb() {
  assert.ok(dir, 'TRESOR_DEB_DIR is not set: run `make test-package`');
  const debs = fs.readdirSync(dir).filter((f) => f.endsWith('.deb'));
  assert.equal(debs.length, 1, `expected one .deb in ${dir}, found: ${debs.join(', ') || 'none'}`);
  return path.join(dir, debs[0]);
}

const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { encoding: 'utf8', ...opts });
const field = (name) => run('dpkg-deb', ['-f', deb(), name]).trim();
const isRoot = process.getuid?.() === 0;

test('the package holds the app, the CLI, a valid desktop entry and the icons', () => {
  assert.equal(field('Package'), 'tresor');
  assert.match(field('Version'), /^\d+\.\d+\.\d+/);
  assert.match(field('Architecture'), /^(amd64|arm64)$/);
  const depends = field('Depends');
  for (const lib of ['libwebkit2gtk-4.1-0', 'libgtk-3-0']) {
    assert.ok(depends.includes(lib), `Depends lacks ${lib}: ${depends}`);
  }
  const files = run('dpkg-deb', ['-c', deb()])
    .split('\n')
    .map((line) => line.split(/\s+/).pop().replace(/^\.\//, ''))
    .filter(Boolean);
  for (const file of [
    'usr/bin/tresor-app',
    'usr/bin/tresor',
    'usr/share/applications/Tresor.desktop',
    'usr/share/icons/hicolor/128x128/apps/tresor-app.png',
    'usr/share/icons/hicolor/512x512/apps/tresor-app.png',
  ]) {
    assert.ok(files.includes(file), `${file} is not in the package:\n${files.join('\n')}`);
  }

  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'tresor-deb-'));
  try {
    run('dpkg-deb', ['-x', deb(), out]);
    const desktop = path.join(out, 'usr/share/applications/Tresor.desktop');
    run('desktop-file-validate', [desktop]); // throws with its findings on an invalid entry
    const entry = fs.readFileSync(desktop, 'utf8');
    assert.match(entry, /^Exec=tresor-app/m);
    assert.match(entry, /^Icon=tresor-app$/m);
    assert.match(entry, /^Name=Tresor$/m);
    const mode = fs.statSync(path.join(out, 'usr/bin/tresor')).mode;
    assert.ok(mode & 0o111, 'the CLI is not executable');
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});

test('dpkg installs it; the installed app unlocks a vault the installed CLI made and makes one the CLI reads; dpkg removes it', { skip: !isRoot && 'installing a package needs root' }, async (t) => {
  assert.ok(!fs.existsSync('/usr/bin/tresor-app'), '/usr/bin/tresor-app exists before the install: remove the old package first');
  run('dpkg', ['-i', deb()]);
  try {
    assert.match(run('dpkg-query', ['-W', '-f=${Status}', 'tresor']), /install ok installed/);
    assert.match(run('/usr/bin/tresor', ['--version']), /^tresor \d+\.\d+\.\d+/);

    // The harness starts whatever TRESOR_APP names, and takes the CLI from beside it.
    process.env.TRESOR_APP = '/usr/bin/tresor-app';
    const { runTresor, typeNewPassphrase, unlock, withApp } = await import('../e2e/webdriver.mjs');
    // A vault the installed CLI made opens on the installed app's unlock screen.
    const init = (vaultDir) => runTresor({ vaultDir, env: { TRESOR_PASSPHRASE: PASSPHRASE } }, ['init']);
    await withApp(t, async (d) => {
      await unlock(d, PASSPHRASE);
      assert.ok(await d.tryFind('#dashboard-title'), 'the installed app did not open the vault');
    }, undefined, init);
    await withApp(t, async (d, vaultDir) => {
      await d.waitForText('#welcome-step', /Step 1 of 3/);
      await typeNewPassphrase(d, PASSPHRASE);
      await d.click('#create-vault');
      await d.waitFor('#recovery-key');
      assert.ok(fs.existsSync(path.join(vaultDir, 'vault.age')), 'the installed app wrote no vault.age');
      const status = runTresor({ vaultDir, env: { TRESOR_PASSPHRASE: PASSPHRASE } }, ['--json', 'profile', 'list']);
      assert.deepEqual(JSON.parse(status), [], 'the installed CLI does not read the new vault');
    });
  } finally {
    run('dpkg', ['-r', 'tresor']);
  }
  assert.ok(!fs.existsSync('/usr/bin/tresor-app'), 'dpkg -r left the app behind');
  assert.ok(!fs.existsSync('/usr/bin/tresor'), 'dpkg -r left the CLI behind');
});
