// The release app beside KeePassXC, in the same run and under the same Xvfb (`make bench-desktop`,
// which builds the release package first). Medians of RUNS runs of:
//
// - launch → window mapped (both, the same way: spawn, then xdotool until the window shows) and,
//   for Tresor, launch → unlock screen interactive (through WebDriver);
// - unlock → dashboard drawn with 500 companies / 5,000 consents (Tresor: from the click to the
//   frame after the dashboard's data showed) vs KeePassXC: Return → database unlocked (its title
//   drops "[Locked]" as the entry list shows); the passphrase KDF of each reported apart;
// - memory after unlock: RSS and PSS summed over the app and all its processes (web views);
// - the CLI on the same data: `tresor consent list` / `profile list` vs `keepassxc-cli ls`;
// - the web view's own floor: a blank WebKitGTK 4.1 window (Debian's Python GI), with WebKitGTK's
//   defaults and with the settings Tresor uses (src-tauri/src/lib.rs);
// - the installed size of the .deb vs KeePassXC's package.
//
// Writes a Markdown table to stdout and a chart to docs/benchmark-desktop.svg.
// Needs TRESOR_APP, TRESOR_CLI, TRESOR_DEB (release builds) and CARGO_TARGET_DIR.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ENGLISH, ownFolders, processes, startApp, stopGroup, tree } from '../tests/e2e/webdriver.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ENTRIES = 5_000;
const PASSPHRASE = 'orange kayak wanders north at dawn';
const need = (name) => process.env[name] ?? fail(`${name} is not set; run \`make bench-desktop\``);
const fail = (message) => {
  throw new Error(message);
};
const [APP, CLI, DEB] = ['TRESOR_APP', 'TRESOR_CLI', 'TRESOR_DEB'].map(need);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tresor-bench-'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.now();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const MiB = (kib) => kib / 1024;

/** A program's environment: English, with its own config, data and cache folders under `home`. */
const isolated = (home) => ({ ...ownFolders(home), ...ENGLISH });

function run(cmd, args, { input, env } = {}) {
  const out = spawnSync(cmd, args, { input, env, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (out.status !== 0) fail(`${cmd} ${args.join(' ')} failed: ${out.stderr}`);
  return out.stdout;
}

/** Median wall time of `runs` runs of a command, in ms. */
function timed(cmd, args, opts, check) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const start = now();
    const out = run(cmd, args, opts);
    times.push(now() - start);
    check(out);
  }
  return median(times);
}

// --- memory -------------------------------------------------------------------------------------

/** RSS and PSS in KiB, summed over the processes, and their names. */
function memory(procs) {
  let rss = 0;
  let pss = 0;
  for (const { pid } of procs) {
    const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    rss += Number(/^Rss:\s+(\d+)/m.exec(rollup)[1]);
    pss += Number(/^Pss:\s+(\d+)/m.exec(rollup)[1]);
  }
  return { rss, pss, processes: procs.map((p) => p.comm) };
}

// --- windows ------------------------------------------------------------------------------------

/** Milliseconds from `start` until a visible window's title matches `title`; its id. */
function waitWindow(title, start, timeout = 30_000) {
  for (;;) {
    const found = spawnSync('xdotool', ['search', '--onlyvisible', '--name', title], { encoding: 'utf8' });
    if (found.status === 0) return { ms: now() - start, id: found.stdout.split('\n')[0] };
    if (now() - start > timeout) {
      const ids = spawnSync('xdotool', ['search', '--onlyvisible', '--name', '.'], { encoding: 'utf8' }).stdout.split('\n');
      const names = ids.filter(Boolean).map((w) => spawnSync('xdotool', ['getwindowname', w], { encoding: 'utf8' }).stdout.trim());
      fail(`no window titled ${title} within ${timeout} ms; visible: ${JSON.stringify(names)}`);
    }
    spawnSync('sleep', ['0.005']);
  }
}

/** Waits until no process named `comm` runs: a second Tresor would hand over to the first and exit. */
async function noneRunning(comm) {
  for (const deadline = now() + 10_000; now() < deadline; await sleep(50)) {
    if (!processes().some((p) => p.comm === comm)) return;
  }
  fail(`${comm} is still running after 10 s`);
}

/** Ends the program and all it started, politely first (a killed KeePassXC leaves its lock). */
async function stop(child) {
  await stopGroup(child, 5000);
  await sleep(300);
}

// --- the data -----------------------------------------------------------------------------------

function tresorVault() {
  const dir = path.join(work, 'tresor', 'vault');
  const env = { ...process.env, TRESOR_PASSPHRASE: PASSPHRASE };
  const out = run('cargo', ['bench', '--locked', '--bench', 'desktop_vault', '--', dir], { env });
  return { dir, ...JSON.parse(out.trim().split('\n').pop()) };
}

const xmlText = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
function entry(i) {
  const n = String(i).padStart(4, '0');
  const at = '2026-01-01T00:00:00Z';
  const field = (key, value) => `<String><Key>${key}</Key><Value>${xmlText(value)}</Value></String>`;
  return `<Entry><UUID>${crypto.randomBytes(16).toString('base64')}</UUID><IconID>0</IconID><Times>
<LastModificationTime>${at}</LastModificationTime><CreationTime>${at}</CreationTime><LastAccessTime>${at}</LastAccessTime>
<ExpiryTime>${at}</ExpiryTime><Expires>False</Expires><UsageCount>0</UsageCount><LocationChanged>${at}</LocationChanged></Times>
${field('Title', `Company ${n} account`)}${field('UserName', `jane.doe+${n}@example.org`)}
${field('Password', crypto.randomBytes(15).toString('base64'))}${field('URL', `https://company${n}.example`)}
${field('Notes', `Newsletter and orders; consent given 2026, ${i % 7 === 0 ? 'sale allowed' : 'no sale'}.`)}</Entry>\n`;
}

/** A KDBX of 5,000 entries made with keepassxc-cli (an empty database, its XML, import), with a KDF
 *  as slow as Tresor's; and the empty one, for the KDF alone. */
function keepassDb(kdfMs) {
  const empty = path.join(work, 'empty.kdbx');
  const full = path.join(work, 'entries.kdbx');
  const twice = `${PASSPHRASE}\n${PASSPHRASE}\n`;
  const t = String(Math.round(kdfMs));
  run('keepassxc-cli', ['db-create', '-q', '-p', '-t', t, empty], { input: twice });
  const xml = run('keepassxc-cli', ['export', '-q', '-f', 'xml', empty], { input: `${PASSPHRASE}\n` });
  const filled = xml.replace('</LastTopVisibleEntry>', `</LastTopVisibleEntry>\n${Array.from({ length: ENTRIES }, (_, i) => entry(i)).join('')}`);
  fs.writeFileSync(path.join(work, 'entries.xml'), filled);
  run('keepassxc-cli', ['import', '-q', '-p', '-t', t, path.join(work, 'entries.xml'), full], { input: twice });
  return { empty, full };
}

// --- one launch of each -------------------------------------------------------------------------

async function tresorWindowMapped(vaultDir) {
  await noneRunning('tresor-app');
  const start = now();
  const app = spawn(APP, ['--vault', vaultDir], { env: isolated(path.join(work, 'plain')), detached: true, stdio: 'ignore' });
  try {
    return waitWindow('^Tresor$', start).ms;
  } finally {
    await stop(app);
  }
}

async function tresorSession(vaultDir) {
  process.env.TRESOR_APP = APP;
  await noneRunning('tresor-app');
  const d = await startApp({ vaultDir, env: ENGLISH });
  try {
    const ready = "const p = document.querySelector('#passphrase'); return !!p && !p.disabled && p.offsetParent !== null;";
    while (!(await d.execute(ready).catch(() => false))) await sleep(5);
    const interactive = now() - d.launchedAt;
    await d.sendKeys('#passphrase', PASSPHRASE);
    // The IPC goes through fetch (ipc://localhost/<command>): the unlock's answer is the moment
    // the vault is open (KDF and load done); the dashboard is drawn in the frame after its data.
    const script = `const done = arguments[0]; const start = performance.now(); let unlocked = null;
      const fetch = window.fetch;
      window.fetch = function (url, ...rest) {
        const answer = fetch.call(this, url, ...rest);
        if (String(url).endsWith('/unlock')) answer.then(() => (unlocked = performance.now() - start));
        return answer;
      };
      document.querySelector('#unlock').click();
      (function check() {
        if (document.querySelector('#record-consent'))
          requestAnimationFrame(() => { window.fetch = fetch; done({ unlocked, drawn: performance.now() - start }); });
        else requestAnimationFrame(check);
      })();`;
    const { unlocked, drawn } = await d.session('POST', '/execute/async', { script, args: [] });
    if (unlocked === null) fail('the unlock command was not seen (does the IPC still go through fetch?)');
    const nodes = await d.execute('return document.getElementsByTagName("*").length');
    await sleep(2000);
    const app = tree(d.child.pid).find((p) => p.comm === 'tresor-app');
    if (!app) fail('the app is not among the WebDriver\'s processes');
    return { interactive, unlocked, dashboard: drawn, afterUnlock: drawn - unlocked, nodes, ...memory(tree(app.pid)) };
  } finally {
    await d.quit();
  }
}

async function keepassSession(db) {
  const start = now();
  const kp = spawn('keepassxc', [db], { env: isolated(path.join(work, 'kp')), detached: true, stdio: 'ignore' });
  try {
    const name = path.basename(db).replace('.', '\\.');
    const { ms: mapped, id } = waitWindow(`^${name} \\[Locked\\] - KeePassXC$`, start);
    await sleep(300);
    run('xdotool', ['windowfocus', '--sync', id]);
    run('xdotool', ['type', '--delay', '2', PASSPHRASE]);
    const unlockStart = now();
    run('xdotool', ['key', 'Return']);
    const { ms: unlock } = waitWindow(`^${name} - KeePassXC$`, unlockStart);
    await sleep(2000);
    return { mapped, unlock, ...memory(tree(kp.pid)) };
  } finally {
    await stop(kp);
  }
}

/** A blank WebKitGTK window (no app around it): the web view's own memory. */
async function blankWebView(mode) {
  const script = `import gi, sys
gi.require_version('Gtk', '3.0'); gi.require_version('WebKit2', '4.1')
from gi.repository import Gtk, WebKit2
v = WebKit2.WebView()
if sys.argv[1] == 'lean':  # what src-tauri/src/lib.rs sets
    v.get_context().set_cache_model(WebKit2.CacheModel.DOCUMENT_VIEWER)
    v.get_settings().set_hardware_acceleration_policy(WebKit2.HardwareAccelerationPolicy.NEVER)
    v.get_settings().set_enable_page_cache(False)
w = Gtk.Window(title='blank'); w.add(v); w.set_default_size(1100, 760)
v.load_html('<!doctype html><p>blank</p>', 'about:blank'); w.show_all(); Gtk.main()`;
  const start = now();
  const py = spawn('/usr/bin/python3', ['-c', script, mode], { detached: true, stdio: 'ignore' });
  try {
    waitWindow('^blank$', start);
    await sleep(3000);
    return memory(tree(py.pid));
  } finally {
    await stop(py);
  }
}

// --- the run ------------------------------------------------------------------------------------

const vault = tresorVault();
const kdbx = keepassDb(vault.kdf_ms);
const entries = run('keepassxc-cli', ['ls', '-R', '-f', kdbx.full], { input: `${PASSPHRASE}\n` }).trim().split('\n');
if (entries.length < ENTRIES) fail(`the KDBX lists ${entries.length} entries, not ${ENTRIES}`);

const samples = { mapped: [], tresor: [], keepass: [] };
for (let i = 0; i < RUNS; i++) {
  console.error(`run ${i + 1} of ${RUNS}`);
  samples.mapped.push(await tresorWindowMapped(vault.dir));
  samples.tresor.push(await tresorSession(vault.dir));
  samples.keepass.push(await keepassSession(kdbx.full));
}
const blank = { default: await blankWebView('default'), lean: await blankWebView('lean') };
const pick = (list, key) => median(list.map((s) => s[key]));

const cliEnv = { ...process.env, TRESOR_PASSPHRASE: PASSPHRASE };
const lines = (min) => (out) => out.trim().split('\n').length >= min || fail(`expected ${min}+ lines`);
const cli = {
  consents: timed(CLI, ['--vault', vault.dir, 'consent', 'list'], { env: cliEnv }, lines(ENTRIES)),
  profile: timed(CLI, ['--vault', vault.dir, 'profile', 'list'], { env: cliEnv }, lines(5)),
  kpLs: timed('keepassxc-cli', ['ls', '-R', '-f', kdbx.full], { input: `${PASSPHRASE}\n` }, lines(ENTRIES)),
  kpEmpty: timed('keepassxc-cli', ['ls', '-R', '-f', kdbx.empty], { input: `${PASSPHRASE}\n` }, () => true),
};
const installed = {
  tresor: Number(run('dpkg-deb', ['-f', DEB, 'Installed-Size']).trim()),
  keepass: Number(run('dpkg-query', ['-W', '-f=${Installed-Size}', 'keepassxc']).trim()),
};

const r = {
  runs: RUNS,
  tresorMapped: median(samples.mapped),
  tresorInteractive: pick(samples.tresor, 'interactive'),
  tresorDashboard: pick(samples.tresor, 'dashboard'),
  tresorUnlocked: pick(samples.tresor, 'unlocked'),
  tresorAfterUnlock: pick(samples.tresor, 'afterUnlock'),
  tresorNodes: pick(samples.tresor, 'nodes'),
  tresorRss: MiB(pick(samples.tresor, 'rss')),
  tresorPss: MiB(pick(samples.tresor, 'pss')),
  tresorProcesses: samples.tresor[0].processes.join(', '),
  keepassMapped: pick(samples.keepass, 'mapped'),
  keepassUnlock: pick(samples.keepass, 'unlock'),
  keepassRss: MiB(pick(samples.keepass, 'rss')),
  keepassPss: MiB(pick(samples.keepass, 'pss')),
  blank: Object.fromEntries(Object.entries(blank).map(([k, m]) => [k, { rss: MiB(m.rss), pss: MiB(m.pss) }])),
  kdfMs: vault.kdf_ms,
  loadMs: vault.load_ms,
  vaultBytes: vault.vault_bytes,
  cli,
  installedKiB: installed,
};
const f0 = (x) => x.toFixed(0);
console.log(`
| measure (median of ${RUNS}) | Tresor | KeePassXC |
|---|---:|---:|
| launch → window mapped | ${f0(r.tresorMapped)} ms | ${f0(r.keepassMapped)} ms |
| launch → unlock screen interactive | ${f0(r.tresorInteractive)} ms | — |
| unlock → dashboard drawn / entries listed (both with a KDF of about ${f0(r.kdfMs)} ms) | ${f0(r.tresorDashboard)} ms | ${f0(r.keepassUnlock)} ms |
| … of which unlock click → vault open (KDF, decrypt, load) | ${f0(r.tresorUnlocked)} ms | — |
| … and vault open → dashboard drawn | ${f0(r.tresorAfterUnlock)} ms | — |
| memory after unlock, RSS / PSS | ${f0(r.tresorRss)} / ${f0(r.tresorPss)} MiB | ${f0(r.keepassRss)} / ${f0(r.keepassPss)} MiB |
| blank web view (no app), RSS / PSS: WebKitGTK's defaults; Tresor's settings | ${f0(r.blank.default.rss)} / ${f0(r.blank.default.pss)}; ${f0(r.blank.lean.rss)} / ${f0(r.blank.lean.pss)} MiB | — |
| CLI: list 5,000 consents / entries (incl. KDF) | ${f0(cli.consents)} ms | ${f0(cli.kpLs)} ms |
| CLI: profile list / empty database (KDF + start) | ${f0(cli.profile)} ms | ${f0(cli.kpEmpty)} ms |
| installed size of the package | ${(installed.tresor / 1024).toFixed(1)} MiB | ${(installed.keepass / 1024).toFixed(1)} MiB |

Dashboard DOM nodes: ${r.tresorNodes}; vault.age ${(r.vaultBytes / 1e6).toFixed(1)} MB, loaded in ${r.loadMs} ms without the KDF.
Tresor's processes: ${r.tresorProcesses}.`);
console.log(JSON.stringify(r));
fs.writeFileSync(path.join(import.meta.dirname, '..', 'docs', 'benchmark-desktop.svg'), (await import('./chart.mjs')).chart(r));
fs.rmSync(work, { recursive: true, force: true });
