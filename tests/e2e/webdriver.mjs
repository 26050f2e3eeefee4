// A tiny W3C WebDriver client for the end-to-end tests: it starts WebKitWebDriver, which starts
// the real Tresor binary (TRESOR_APP) in a WebKitGTK window, and drives it over HTTP.
//
// Node's global fetch (undici) keeps connections alive, which WebKitWebDriver handles reliably.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
export const DEFAULT_TIMEOUT = 10_000;
const POLL_MS = 100;
/** How long an element must keep its place before a click. */
const STILL_MS = 60;

/** Prints a PNG of the X window argv[1] (PyGObject, GDK 3). */
const CAPTURE = `
import sys, gi
gi.require_version('Gdk', '3.0')
gi.require_version('GdkX11', '3.0')
from gi.repository import Gdk, GdkX11
Gdk.init([])
window = GdkX11.X11Window.foreign_new_for_display(Gdk.Display.get_default(), int(sys.argv[1]))
picture = Gdk.pixbuf_get_from_window(window, 0, 0, window.get_width(), window.get_height())
sys.stdout.buffer.write(picture.save_to_bufferv('png', [], [])[1])
`;

/**
 * English UI and date formats whatever the machine's locale. (WebKitGTK takes
 * navigator.language from LANGUAGE / LC_ALL / LC_MESSAGES / LANG; the locale need not be
 * installed.) The C locale has its own test in vault.test.mjs.
 */
export const ENGLISH = { LANG: 'en_US.UTF-8', LANGUAGE: '', LC_ALL: '', LC_MESSAGES: '' };

/** W3C key codes for the Actions API and element send keys. */
export const Key = { Control: '\uE009', Shift: '\uE008', Enter: '\uE007', Tab: '\uE004' };

/** The app binary under test; throws (so the test fails, never skips) when it is missing. */
export function appBinary() {
  const app = process.env.TRESOR_APP;
  if (!app) {
    throw new Error('TRESOR_APP is not set: build the app with `make app` and run `make test-e2e`');
  }
  if (!fs.existsSync(app)) {
    throw new Error(`TRESOR_APP=${app} does not exist: build it with \`make app\``);
  }
  return path.resolve(app);
}

/** A vault folder that does not exist yet, inside a fresh temporary folder. Never a real vault. */
export function freshVaultDir() {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tresor-e2e-')), 'vault');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function short(value) {
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  return s === undefined ? String(value) : s.length > 300 ? `${s.slice(0, 300)}…` : s;
}

export class WebDriverError extends Error {
  constructor(message, { error, status, cause } = {}) {
    super(message, { cause });
    this.name = 'WebDriverError';
    this.error = error; // W3C error code, e.g. "no such element"
    this.status = status;
  }
}

/**
 * Start WebKitWebDriver on a free port and open a session on the app with `--vault vaultDir`.
 * Returns a Driver; always call `quit()` (in `after`) to delete the session and stop the driver.
 */
/** This environment with its own data, cache and config folders under `home`. */
export function ownFolders(home) {
  const under = (name) => path.join(home, name);
  return { ...process.env, XDG_DATA_HOME: under('data'), XDG_CACHE_HOME: under('cache'), XDG_CONFIG_HOME: under('config') };
}

/**
 * End `child` (started with `detached: true`) and everything in its process group: SIGTERM,
 * then SIGKILL after `graceMs` or once it exited (whatever it left behind).
 */
export async function stopGroup(child, graceMs = 3000) {
  const group = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // the group is already gone
    }
  };
  if (child.exitCode === null && child.signalCode === null) {
    const gone = new Promise((r) => child.once('exit', r));
    group('SIGTERM');
    await Promise.race([gone, sleep(graceMs)]);
  }
  group('SIGKILL');
}

/** Every process: its id, parent and name. */
export function processes() {
  return fs.readdirSync('/proc').flatMap((p) => {
    if (!/^\d+$/.test(p)) return [];
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      return [{ pid: Number(p), ppid: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]), comm }];
    } catch {
      return []; // gone meanwhile
    }
  });
}

/** The process `pid` and all its descendants. */
export function tree(pid, all = processes()) {
  const self = all.find((p) => p.pid === pid);
  return self ? [self, ...all.filter((p) => p.ppid === pid).flatMap((p) => tree(p.pid, all))] : [];
}

export async function startApp({ vaultDir, env = {}, args = [] } = {}) {
  const binary = appBinary();
  if (!vaultDir) throw new Error('startApp needs a vaultDir (use freshVaultDir())');
  const port = await freePort();
  const log = [];
  // Its own process group, so that quit() can stop the app it starts together with it.
  // The web view keeps local storage (the chosen language) and caches under the data and cache
  // folders, the shell the window's size and place under the config folder: each app gets its
  // own, beside its vault, so no test sees another's.
  const child = spawn('WebKitWebDriver', [`--port=${port}`], {
    env: { ...ownFolders(path.dirname(vaultDir)), TAURI_WEBVIEW_AUTOMATION: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const keep = (chunk) => {
    log.push(chunk.toString());
    if (log.length > 200) log.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));
  const spawnError = new Promise((_, reject) => child.on('error', reject));

  const driver = new Driver(`http://127.0.0.1:${port}`, child, log);
  try {
    // Wait for the driver to listen.
    const deadline = Date.now() + DEFAULT_TIMEOUT;
    for (;;) {
      if (exited) throw new Error(`WebKitWebDriver exited early (${short(exited)}): ${log.join('')}`);
      try {
        const ready = await Promise.race([driver.request('GET', '/status'), spawnError]);
        if (ready?.ready !== false) break;
      } catch (e) {
        if (e.code === 'ENOENT') throw new Error('WebKitWebDriver not found: install webkit2gtk-driver');
        if (Date.now() > deadline) throw new Error(`WebKitWebDriver did not start on port ${port}: ${e.message}`);
      }
      await sleep(POLL_MS);
    }
    driver.launchedAt = performance.now(); // benches/desktop.mjs times the launch from here
    const created = await driver.request('POST', '/session', {
      capabilities: {
        alwaysMatch: {
          'webkitgtk:browserOptions': { binary, args: ['--vault', vaultDir, ...args] },
        },
      },
    });
    driver.sessionId = created.sessionId;
    return driver;
  } catch (e) {
    await driver.quit();
    throw e;
  }
}

export class Driver {
  constructor(baseUrl, child, log) {
    this.baseUrl = baseUrl;
    this.child = child;
    this.log = log;
    this.sessionId = null;
  }

  /** One W3C command; returns `value` or throws a WebDriverError with the driver's message. */
  async request(method, route, body, { timeout = 60_000 } = {}) {
    let res;
    try {
      res = await fetch(this.baseUrl + route, {
        method,
        signal: AbortSignal.timeout(timeout),
        headers: body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      // An Error of our own: a DOMException's message cannot be added to (withApp does).
      const why = e.name === 'TimeoutError' ? `no answer within ${timeout} ms` : e.message;
      throw new WebDriverError(`${method} ${route}: ${why}`, { error: e.name, status: 0, cause: e });
    }
    const text = await res.text();
    let json;
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      throw new WebDriverError(`${method} ${route}: HTTP ${res.status}, not JSON: ${short(text)}`, {
        status: res.status,
      });
    }
    const value = json.value;
    if (!res.ok || (value && typeof value === 'object' && typeof value.error === 'string')) {
      throw new WebDriverError(
        `${method} ${route}: ${value?.error ?? `HTTP ${res.status}`}: ${value?.message ?? short(text)}`,
        { error: value?.error, status: res.status },
      );
    }
    return value;
  }

  session(method, route, body, opts) {
    if (!this.sessionId) throw new Error('no WebDriver session');
    return this.request(method, `/session/${this.sessionId}${route}`, body, opts);
  }

  // --- elements ----------------------------------------------------------------------------

  /** The element id for a CSS selector, or null. */
  async tryFind(css) {
    try {
      const el = await this.session('POST', '/element', { using: 'css selector', value: css });
      return el[ELEMENT];
    } catch (e) {
      if (e.error === 'no such element') return null;
      throw e;
    }
  }

  /** The element id for a CSS selector; throws naming the selector and the current screen. */
  async find(css) {
    const id = await this.tryFind(css);
    if (!id) throw new Error(`no element matches ${css}; ${await this.describeScreen()}`);
    return id;
  }

  async findAll(css) {
    const els = await this.session('POST', '/elements', { using: 'css selector', value: css });
    return els.map((el) => el[ELEMENT]);
  }

  /** `target` is a CSS selector, or `@` + an element id returned by find(). */
  async #el(target) {
    return typeof target === 'string' && !target.startsWith('@') ? this.find(target) : target.slice(1);
  }

  /**
   * Click an element once it has stopped moving. WebDriver clicks where the element is when
   * the command arrives; a section that finishes loading above it a moment later moves it, and
   * the click lands on whatever is there instead (seen on a loaded CI machine).
   */
  async click(css) {
    const id = await this.#el(css);
    await this.#still(id, css);
    try {
      await this.session('POST', `/element/${id}/click`, {});
    } catch (e) {
      throw new Error(`could not click ${css}: ${e.message}`);
    }
  }

  /** Wait until the element's box is the same in two looks STILL_MS apart. */
  async #still(id, css) {
    const box = () =>
      this.execute('const r = arguments[0].getBoundingClientRect(); return [r.x, r.y, r.width, r.height].join();', [
        { [ELEMENT]: id },
      ]);
    const deadline = Date.now() + DEFAULT_TIMEOUT;
    let before = await box();
    for (;;) {
      await sleep(STILL_MS);
      const now = await box();
      if (now === before) return;
      if (Date.now() > deadline) throw new Error(`${css} kept moving for ${DEFAULT_TIMEOUT} ms (${before} → ${now})`);
      before = now;
    }
  }

  /** Types `text` into the element (W3C Element Send Keys). */
  async sendKeys(css, text) {
    const id = await this.#el(css);
    try {
      await this.session('POST', `/element/${id}/value`, { text: String(text) });
    } catch (e) {
      throw new Error(`could not type into ${css}: ${e.message}`);
    }
  }

  async clear(css) {
    const id = await this.#el(css);
    await this.session('POST', `/element/${id}/clear`, {});
  }

  /** The rendered text of an element. */
  async text(css) {
    return this.session('GET', `/element/${await this.#el(css)}/text`);
  }

  async attribute(css, name) {
    return this.session('GET', `/element/${await this.#el(css)}/attribute/${encodeURIComponent(name)}`);
  }

  /** A DOM property, e.g. `value` of an input (the attribute keeps the initial value). */
  async property(css, name) {
    return this.session('GET', `/element/${await this.#el(css)}/property/${encodeURIComponent(name)}`);
  }

  async enabled(css) {
    return this.session('GET', `/element/${await this.#el(css)}/enabled`);
  }

  async displayed(css) {
    return this.session('GET', `/element/${await this.#el(css)}/displayed`);
  }

  async execute(script, args = []) {
    return this.session('POST', '/execute/sync', { script, args });
  }

  // --- waiting -----------------------------------------------------------------------------

  /**
   * Wait until `condition` holds. `condition` is a CSS selector (an element matching it exists
   * and is displayed) or an async function returning a truthy value (which is returned).
   * On timeout, throws with `message` (or the selector), the last error and the current screen.
   */
  async waitFor(condition, { timeout = DEFAULT_TIMEOUT, message } = {}) {
    const check =
      typeof condition === 'string'
        ? async () => {
            const id = await this.tryFind(condition);
            return id && (await this.displayed(`@${id}`)) ? id : null;
          }
        : condition;
    const what = message ?? (typeof condition === 'string' ? `an element matching ${condition}` : 'condition');
    const deadline = Date.now() + timeout;
    let lastError = null;
    for (;;) {
      try {
        const value = await check();
        if (value) return value;
        lastError = null;
      } catch (e) {
        lastError = e;
      }
      if (Date.now() > deadline) {
        const why = lastError ? ` (last error: ${lastError.message})` : '';
        throw new Error(`timed out after ${timeout} ms waiting for ${what}${why}; ${await this.describeScreen()}`);
      }
      await sleep(POLL_MS);
    }
  }

  /** Wait until the element's text satisfies `test` (a RegExp or a function); returns the text. */
  async waitForText(css, test, opts = {}) {
    let seen = '(no element)';
    const ok = typeof test === 'function' ? test : (s) => test.test(s);
    try {
      return await this.waitFor(
        async () => {
          const id = await this.tryFind(css);
          if (!id) return null;
          seen = await this.text(`@${id}`);
          return ok(seen) ? seen : null;
        },
        { ...opts, message: `the text of ${css} to match ${test}` },
      );
    } catch (e) {
      throw new Error(`${e.message}\nlast text of ${css}: ${JSON.stringify(seen)}`);
    }
  }

  async waitForEnabled(css, opts = {}) {
    return this.waitFor(async () => (await this.tryFind(css)) && this.enabled(css), {
      ...opts,
      message: `${css} to be enabled`,
    });
  }

  /** A short description of what the window shows, for failure messages. */
  async describeScreen() {
    try {
      const info = await this.execute(
        `const h = document.querySelector('h1');
         const alerts = [...document.querySelectorAll('[role=alert]')].map(a => (a.dataset.errorCode || '') + ': ' + a.textContent.trim());
         return { title: h ? h.textContent.trim() : null, ids: [...document.querySelectorAll('[id]')].map(e => e.id).slice(0, 40), alerts };`,
      );
      return `the window shows h1=${JSON.stringify(info.title)}, alerts=${JSON.stringify(info.alerts)}, ids=${info.ids.join(',')}`;
    } catch (e) {
      return `the window could not be inspected (${e.message})`;
    }
  }

  // --- keyboard ----------------------------------------------------------------------------

  /** Press keys together, e.g. chord(Key.Control, 'l'), with the W3C Actions API. */
  async chord(...keys) {
    const down = keys.map((value) => ({ type: 'keyDown', value }));
    const up = [...keys].reverse().map((value) => ({ type: 'keyUp', value }));
    await this.session('POST', '/actions', {
      actions: [{ type: 'key', id: 'keyboard', actions: [...down, ...up] }],
    });
    await this.session('DELETE', '/actions');
  }

  // --- screenshots -------------------------------------------------------------------------

  /**
   * A PNG of the app's window as a Buffer, written to `file` when given: taken from the X
   * server, i.e. what the person sees, in about 90 ms. (WebDriver's own screenshot waits for
   * the web view to draw again, which one without GPU compositing, the app's setting for
   * memory, may not do for a long while: 7 of 85 took over 15 s here, 0 of 145 with it.)
   */
  async screenshot(file) {
    const png = execFileSync('/usr/bin/python3', ['-c', CAPTURE, this.#window()], { timeout: 15_000 });
    if (file) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, png);
    }
    return png;
  }

  /** The X window of the app this driver started: the first visible one of its processes. */
  #window() {
    for (const { pid } of tree(this.child.pid)) {
      try {
        return xdotool('search', '--onlyvisible', '--pid', String(pid)).split('\n')[0];
      } catch {
        // no window of this process
      }
    }
    throw new Error('the app has no visible window to take a picture of');
  }

  // --- teardown ----------------------------------------------------------------------------

  async deleteSession() {
    if (!this.sessionId) return;
    const id = this.sessionId;
    this.sessionId = null;
    try {
      await this.request('DELETE', `/session/${id}`, undefined, { timeout: 5000 });
    } catch {
      // The driver may already be gone; stopping it below closes the app too.
    }
  }

  /** Delete the session (closes the app) and stop WebKitWebDriver. */
  async quit() {
    await this.deleteSession();
    const child = this.child;
    if (!child) return;
    // Stop the driver and anything left in its group (an app that did not close with the
    // session would otherwise keep running and hold the test runner's pipes open).
    await stopGroup(child);
    child.stdout?.destroy();
    child.stderr?.destroy();
  }
}

// --- Tresor screens ----------------------------------------------------------------------------

/**
 * With TRESOR_SCREENSHOTS=DIR, a screenshot DIR/`name` of the window with `top` (an element id)
 * just below the sticky header; without it, nothing.
 */
export async function shoot(d, name, top = null) {
  if (!process.env.TRESOR_SCREENSHOTS) return;
  await d.execute('document.activeElement?.blur?.()');
  if (top) {
    await d.execute(
      `const top = document.getElementById(${JSON.stringify(top)}).getBoundingClientRect().top;` +
        "window.scrollBy(0, top - document.querySelector('.app-header').offsetHeight - 24);",
    );
  }
  await new Promise((r) => setTimeout(r, 300));
  const png = await d.screenshot(path.join(path.resolve(process.env.TRESOR_SCREENSHOTS), name));
  assert.equal(png.subarray(1, 4).toString(), 'PNG', `${name}: the driver did not return a PNG`);
}

/** The recovery key format: an age X25519 identity. */
export const RECOVERY_KEY = /^AGE-SECRET-KEY-1[0-9A-Z]{58}$/;

/** From the first-run guide (shown while there is no vault) to the create form. */
export async function toCreateForm(d) {
  await d.waitFor(async () => (await d.tryFind('#new-passphrase')) ?? (await d.tryFind('#welcome-skip')), {
    message: 'the first-run guide or the create form',
  });
  if (await d.tryFind('#welcome-skip')) await d.click('#welcome-skip');
  await d.waitFor('#new-passphrase');
}

/** Type a new passphrase twice and wait until the strength check enabled `#create-vault`. */
export async function typeNewPassphrase(d, passphrase) {
  await toCreateForm(d);
  await d.sendKeys('#new-passphrase', passphrase);
  await d.sendKeys('#confirm-passphrase', passphrase);
  await d.waitForEnabled('#create-vault');
}

/** From the create screen to the dashboard (the first screen after unlocking); returns the recovery key that was shown. */
export async function createVault(d, passphrase) {
  await typeNewPassphrase(d, passphrase);
  await d.click('#create-vault');
  const recoveryKey = await d.waitForText('#recovery-key', RECOVERY_KEY);
  await d.click('#recovery-saved');
  await d.waitForEnabled('#recovery-continue');
  await d.click('#recovery-continue');
  await d.waitFor('#dashboard-title');
  return recoveryKey;
}

/** From the unlock screen to the dashboard. */
export async function unlock(d, passphrase) {
  await d.waitFor('#passphrase');
  await d.sendKeys('#passphrase', passphrase);
  await d.click('#unlock');
  await d.waitFor('#dashboard-title');
}

/**
 * The texts of the vault page's history (opened with `#nav-home` if another screen shows),
 * once it has loaded at least `min` entries.
 */
export async function historyTexts(d, min = 1) {
  if (!(await d.tryFind('#home-title'))) {
    await d.click('#nav-home');
    await d.waitFor('#home-title');
  }
  return d.waitFor(
    async () => {
      const items = await d.findAll('#history li');
      if (items.length < min) return null;
      return Promise.all(items.map((id) => d.text(`@${id}`)));
    },
    { message: `at least ${min} entries in #history li` },
  );
}

/**
 * Run `body(driver, vaultDir)` against a freshly started app. On failure, a screenshot of the
 * window is saved and its path added to the error; the app and the driver are always stopped.
 * `prepare(vaultDir)`, if given, runs before the app starts (e.g. to fill a vault with the CLI).
 */
export async function withApp(t, body, env = ENGLISH, prepare = null) {
  appBinary(); // fails (not skips) with "run `make app`" when the binary is missing
  const vaultDir = freshVaultDir();
  if (prepare) await prepare(vaultDir);
  const d = await startApp({ vaultDir, env });
  let passed = false;
  try {
    await body(d, vaultDir);
    passed = true;
  } catch (e) {
    const slug = t.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
    const shot = path.join(os.tmpdir(), `tresor-e2e-failure-${slug}.png`);
    try {
      await d.screenshot(shot);
      e.message += `\n(screenshot: ${shot}; vault folder kept: ${vaultDir})`;
    } catch {
      e.message += `\n(vault folder kept: ${vaultDir})`;
    }
    throw e;
  } finally {
    await d.quit();
    // Only once the app has stopped: it writes its web view caches there until then.
    if (passed) fs.rmSync(path.dirname(vaultDir), { recursive: true, force: true, maxRetries: 5 });
  }
}

// --- the CLI beside the app ---------------------------------------------------------------------

/** The CLI, built next to the app. */
export const cliBinary = () => path.join(path.dirname(appBinary()), 'tresor');

/** Run `tresor --vault vaultDir …args` with the tests' passphrase (and `env`, in `cwd`); its output. */
export function runTresor({ vaultDir, env = {}, cwd = undefined }, args) {
  return execFileSync(cliBinary(), ['--vault', vaultDir, ...args], {
    cwd,
    env: { ...process.env, TRESOR_PASSPHRASE: 'orange kayak wanders north at dawn', ...env },
    timeout: 60_000,
  }).toString();
}

/** `tresor --vault vaultDir …args`; its output. */
export const tresor = (vaultDir, ...args) => runTresor({ vaultDir }, args);

// --- native file dialogs ------------------------------------------------------------------------

function xdotool(...args) {
  return execFileSync('xdotool', args, { timeout: 15_000 }).toString().trim();
}

/** The id of the visible window with this title; polls without blocking the event loop. */
async function windowNamed(title) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      return xdotool('search', '--onlyvisible', '--name', `^${title}$`).split('\n')[0];
    } catch {
      if (Date.now() > deadline) throw new Error(`no window titled ${title} appeared`);
      await sleep(200);
    }
  }
}

/**
 * Answer the GTK file dialog titled `title` (opened by a click that is still pending) with
 * `file`, typed as a keyboard user would: with Ctrl+L in "Open File", into the name field of
 * "Save File" (which takes a whole path).
 */
export async function answerFileDialog(title, file) {
  const dialog = await windowNamed(title);
  await sleep(700); // let GTK finish mapping the dialog
  xdotool('windowfocus', '--sync', dialog);
  if (title === 'Open File') {
    xdotool('key', 'ctrl+l');
  } else {
    xdotool('key', 'ctrl+a'); // the suggested name is in the field: replace it
  }
  await sleep(300);
  xdotool('type', '--delay', '20', file);
  await sleep(300);
  xdotool('key', 'Return'); // accepts a completion (open) or saves
  if (title === 'Open File') {
    await sleep(500);
    xdotool('key', 'Return'); // opens
  }
}
