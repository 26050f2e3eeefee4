// Journey 8 in the real window: Anna's own mail archive (an mbox written here: newsletters and
// orders from Zalando, a directory company; newsletters from her Stadtwerke; an account with
// a cloud service; a bike shop's invoice; a friend at gmail.com and a mail she sent, which must
// not count) is chosen in the system dialog. The page must list the organisations newest
// first, and after "Add all newsletters as direct marketing" and confirming, exactly those
// companies and consents are in the vault, as the CLI sees it — and no subject of the archive
// is anywhere in the vault folder.
//
// With TRESOR_SCREENSHOTS=docs/screenshots it also writes discover.png.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { answerFileDialog, shoot, unlock, withApp, tresor } from './webdriver.mjs';

const PASSPHRASE = 'orange kayak wanders north at dawn';

const NEWS = 'List-Unsubscribe: <mailto:unsubscribe@news.zalando.de>\nPrecedence: bulk\n';
const STADTWERKE = 'List-Unsubscribe: <https://stadtwerke-lindenau.example/abmelden>\n';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** One mail of a Thunderbird mbox: `at` as YYYY-MM-DD. */
function mail(from, to, subject, at, extra = '') {
  const [y, m, d] = at.split('-').map(Number);
  const date = `${d} ${MONTHS[m - 1]} ${y} 10:00:00 +0100`;
  return (
    `From - ${MONTHS[m - 1]} ${String(d).padStart(2, ' ')} 10:00:00 ${y}\n` +
    `From: ${from}\nTo: ${to}\nSubject: ${subject}\nDate: ${date}\n${extra}` +
    `Message-ID: <${y}${m}${d}.${Math.random().toString(36).slice(2)}@mail.example>\n` +
    `Content-Type: text/plain; charset=utf-8\n\nHallo Anna,\n\nviele Grüße\n\n`
  );
}

/** The archive, and every subject in it (none may end up in the vault). */
function archive() {
  const mails = [];
  const subjects = [];
  const add = (from, to, subject, at, extra) => {
    subjects.push(subject);
    mails.push(mail(from, to, subject, at, extra));
  };
  for (let i = 0; i < 14; i++) {
    const month = String((i % 12) + 1).padStart(2, '0');
    add('Zalando <newsletter@news.zalando.de>', 'anna@mail.example', `Neue Styles für dich, Woche ${i + 1}`, `${2025 + Math.floor(i / 12)}-${month}-07`, NEWS);
  }
  add('Zalando <service@zalando.de>', 'anna+shop@mail.example', 'Ihre Bestellbestätigung 10-4471', '2019-03-03');
  add('Zalando <service@zalando.de>', 'anna+shop@mail.example', 'Ihre Bestellung ist unterwegs', '2019-03-05');
  add('Zalando <service@zalando.de>', 'anna+shop@mail.example', 'Ihre Rechnung zu Bestellung 10-5120', '2024-11-02');
  for (let i = 0; i < 8; i++) {
    add('Stadtwerke Lindenau <info@stadtwerke-lindenau.example>', 'anna@mail.example', `Energiespartipps im Monat ${i + 1}`, `2026-0${i + 1}-15`, STADTWERKE);
  }
  add('Cloudbox <noreply@cloudbox-speicher.example>', 'anna@mail.example', 'Willkommen bei Cloudbox', '2023-06-01');
  add('Cloudbox <noreply@cloudbox-speicher.example>', 'anna@mail.example', 'Ihr Passwort wurde geändert', '2025-02-11');
  add('Cloudbox <noreply@cloudbox-speicher.example>', 'anna@mail.example', 'Neues Gerät angemeldet', '2025-05-20');
  add('Fahrradladen Kette <info@kette-rad.example>', 'anna@mail.example', 'Ihre Rechnung 4711', '2024-05-06');
  for (let i = 0; i < 5; i++) {
    add('Bob Becker <bob.becker@gmail.com>', 'anna@mail.example', `Kino am Freitag ${i + 1}?`, `2026-0${i + 1}-20`);
  }
  add('Anna Schmidt <anna@mail.example>', 'bob.becker@gmail.com', 'Re: Kino am Freitag 1?', '2026-01-21');
  return { text: mails.join(''), subjects, count: mails.length };
}

/** Every file below `dir`, as bytes. */
function filesBelow(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesBelow(p) : [{ path: p, bytes: fs.readFileSync(p) }];
  });
}

test('a mail archive becomes reviewed ledger entries: newsletters as direct marketing, nothing else stored', (t) => {
  let home;
  let mbox;
  let mails;
  return withApp(
    t,
    async (d, vaultDir) => {
      await unlock(d, PASSPHRASE);
      await d.click('#open-discover');
      await d.waitFor('#discover-title');
      const picked = d.click('#discover-files');
      await answerFileDialog('Open File', mbox.path);
      await picked;

      const summary = await d.waitForText('#discover-summary', (text) => text.includes('wrote to you'));
      assert.equal(summary, `Read 1 file, ${mbox.count} mails (0.0 MB): 4 organisations wrote to you.`);
      assert.match(await d.text('#discover-not-counted'), /^Not counted: 1 you sent, 5 from people, 0 to mailing lists/);
      const keys = await d.execute(
        "return [...document.querySelectorAll('#discover-list > li')].map((li) => li.dataset.key)",
      );
      assert.deepEqual(keys, ['stadtwerke-lindenau.example', 'zalando', 'cloudbox-speicher.example', 'kette-rad.example']);
      const zalando = await d.text('#found-zalando');
      assert.match(zalando, /Zalando SE/);
      assert.match(zalando, /17 mails since 2019 to anna\+shop@mail\.example, anna@mail\.example/);
      assert.match(zalando, /newsletter\s*14/);
      assert.match(zalando, /orders\s*3/);
      assert.match(zalando, /In the directory, privacy contact known/);
      const cloudbox = await d.text('#found-cloudbox-speicher-example');
      assert.match(cloudbox, /security mails/);
      assert.match(cloudbox, /account/);
      assert.match(cloudbox, /Not in the directory/);
      assert.match(await d.text('#found-kette-rad-example'), /1 mail in 2024 to anna@mail\.example/);
      const page = await d.text('#discover-list');
      assert.ok(!page.includes('gmail'), `the friend is not listed: ${page}`);

      await d.click('#discover-bulk');
      await d.waitForText('#discover-confirm', (text) => text === 'Confirm 2 choices');
      assert.equal(await d.text('#found-zalando .chosen-text'), '✓ Will be added with its newsletter as direct marketing.');
      await shoot(d, 'discover.png', 'discover-list-title');
      // Nothing is in the vault before confirming.
      assert.deepEqual(JSON.parse(tresor(vaultDir, '--json', 'company', 'list')), []);

      await d.click('#discover-confirm');
      const done = await d.waitForText('#discover-done-text', (text) => text.startsWith('Added'));
      assert.equal(done, 'Added 2 companies and recorded 2 consents.');
      assert.match(await d.text('#discover-withdraw'), /Withdraw the newsletter consents \(2 companies\)/);

      // Exactly those companies and consents, as the CLI sees them.
      const companies = JSON.parse(tresor(vaultDir, '--json', 'company', 'list'));
      assert.deepEqual(companies.map((c) => c.name).sort(), ['Stadtwerke Lindenau', 'Zalando SE']);
      const consents = JSON.parse(tresor(vaultDir, '--json', 'consent', 'list'));
      const byCompany = consents.map((c) => [(c.consent ?? c).companyName, (c.consent ?? c).purposes]).sort();
      assert.deepEqual(byCompany, [
        ['Stadtwerke Lindenau', ['DirectMarketing']],
        ['Zalando SE', ['DirectMarketing']],
      ]);

      // No subject of the archive anywhere in the vault folder, nor in what the vault holds.
      const readable = [
        tresor(vaultDir, 'log'),
        tresor(vaultDir, '--json', 'consent', 'list'),
        tresor(vaultDir, '--json', 'company', 'list'),
      ].join('\n');
      for (const subject of mbox.subjects) {
        for (const f of filesBelow(vaultDir)) {
          assert.ok(!f.bytes.includes(Buffer.from(subject)), `${f.path} holds the subject ${subject}`);
        }
        assert.ok(!readable.includes(subject), `the vault holds the subject ${subject}`);
      }
      assert.match(tresor(vaultDir, 'log'), /Mail archive reviewed/);
    },
    undefined,
    (vaultDir) => {
      home = path.dirname(vaultDir);
      tresor(vaultDir, 'init');
      tresor(vaultDir, 'profile', 'add', 'given_name', 'Anna');
      tresor(vaultDir, 'profile', 'add', 'email', 'anna@mail.example');
      const made = archive();
      mbox = { ...made, path: path.join(home, 'Posteingang.mbox') };
      fs.writeFileSync(mbox.path, made.text);
      mails = made.count;
      assert.ok(mails > 30);
    },
  );
});
