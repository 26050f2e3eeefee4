// Journey 6 in the real window: a package with a sub-address given to ACME (made with the
// CLI), then a spam mail from another company sent to that sub-address is pasted into the
// Trace page. The app must name ACME and the package, say that passing it on was not allowed,
// record the sighting, and write the erasure letter to the sender, which becomes a tracked
// request with a due date — in the vault, as the CLI sees it.
//
// With TRESOR_SCREENSHOTS=docs/screenshots it also writes trace-result.png and requests.png.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { answerFileDialog, Key, shoot, unlock, withApp, runTresor } from './webdriver.mjs';

const PASSPHRASE = 'orange kayak wanders north at dawn';

const tresor = (vaultDir, cwd, ...args) => runTresor({ vaultDir, cwd }, args);


/** A spam mail as it arrives: folded into headers, from a company Anna never dealt with. */
function spam(to) {
  return [
    `Delivered-To: ${to}`,
    'Return-Path: <bounce@adressverlag.example>',
    'From: Adressverlag Mueller <angebote@adressverlag.example>',
    `To: Anna Schmidt <${to}>`,
    'Subject: Ihr persoenliches Gewinnspiel',
    'Date: Sun, 29 Nov 2026 08:15:00 +0100',
    'Message-ID: <20261129081500.4711@adressverlag.example>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Sehr geehrte Frau Schmidt,',
    'Sie haben gewonnen! Antworten Sie noch heute.',
    '',
  ].join('\n');
}

test('a spam mail to a sub-address names the company and package, and becomes an erasure request', (t) => {
  let home;
  let sub;
  let packageId;
  return withApp(
    t,
    async (d, vaultDir) => {
      await unlock(d, PASSPHRASE);
      await d.click('#nav-trace');
      await d.waitFor('#trace-text');
      // Typed line by line (WebDriver types a newline as Enter).
      await d.sendKeys('#trace-text', spam(sub).replaceAll('\n', Key.Enter));
      await d.click('#trace-submit');

      const card = await d.waitForText('#trace-candidates li.candidate', (text) => text.includes('ACME Magazin'));
      const short = packageId.replace('urn:uuid:', '').slice(0, 8);
      assert.ok(card.includes(`Package ${short}`), `the package is named: ${card}`);
      assert.ok(card.includes(sub), `the sub-address was found: ${card}`);
      assert.match(await d.text('#trace-verdict-0'), /Passed on without permission\.[\s\S]*neither to pass this data on nor to sell it/);
      assert.match(await d.text('#trace-sender'), /angebote@adressverlag\.example/);
      assert.equal(await d.text('#trace-subject'), 'Ihr persoenliches Gewinnspiel');
      await shoot(d, 'trace-result.png', 'trace-result-title');

      await d.click('#trace-record-0');
      await d.waitForText('#trace-recorded-0', (text) => text.includes('Recorded'));

      // The erasure letter to the sender, with the data it has from the package.
      await d.click('#trace-candidates button.step[data-kind="erasure"]');
      await d.waitForText('#letter-subject', (text) => text.includes('Art. 17'));
      await shoot(d, 'letter.png');
      assert.match(await d.text('#letter-to'), /adressverlag\.example/);
      const body = await d.text('#letter-body');
      assert.ok(body.includes(sub), `the letter names the sub-address the sender used: ${body}`);
      assert.ok(body.includes('ACME Magazin'), `the letter says where the data was given: ${body}`);
      assert.ok(!body.includes('anna@mail.example'), `the real address stays out: ${body}`);
      await d.waitForEnabled('#letter-keep');
      await d.click('#letter-keep');
      await d.waitFor('#letter-save-pdf');

      // Saved as PDF through the system dialog; a real PDF tool reads it.
      const pdf = path.join(home, 'erasure.pdf');
      const saved = d.click('#letter-save-pdf');
      await answerFileDialog('Save File', pdf);
      await saved;
      await d.waitForText('.dialog [role=status]', (text) => text.includes(pdf));
      const printed = execFileSync('pdftotext', [pdf, '-']).toString();
      assert.ok(printed.includes('Art. 17') && printed.includes(sub), `the PDF: ${printed}`);

      await d.click('#letter-mark-sent');
      await d.waitForText('#letter-request-status', (text) => text.includes('due by'));
      await d.click('#letter-close');

      await d.click('#nav-requests');
      const row = await d.waitForText('#requests-list li.request[data-kind="erasure"]', (text) => text.includes('due'));
      assert.match(row, /Erasure \(Art\. 17\)/);
      assert.match(row, /adressverlag\.example/);
      assert.match(row, /Sent/);
      assert.match(row, /days? left/);
      await shoot(d, 'requests.png');

      // The vault has it, as the CLI sees it.
      const requests = JSON.parse(tresor(vaultDir, home, '--json', 'request', 'list'));
      const erasure = requests.find((r) => r.kind === 'erasure');
      assert.ok(erasure, `an erasure request: ${JSON.stringify(requests)}`);
      assert.equal(erasure.status, 'sent');
      assert.match(erasure.dueOn, /^\d{4}-\d{2}-\d{2}$/);
      assert.equal(erasure.companyName, 'adressverlag.example');
      assert.ok(erasure.letter.body.includes(sub));
      const log = tresor(vaultDir, home, 'log');
      assert.match(log, /Data given to ACME Magazin seen at angebote@adressverlag\.example/);
    },
    undefined,
    (vaultDir) => {
      home = path.dirname(vaultDir);
      tresor(vaultDir, home, 'init');
      tresor(vaultDir, home, 'profile', 'add', 'given_name', 'Anna');
      tresor(vaultDir, home, 'profile', 'add', 'family_name', 'Schmidt');
      tresor(vaultDir, home, 'profile', 'add', 'email', 'anna@mail.example');
      tresor(
        vaultDir, home, 'company', 'add', 'ACME Magazin', '--domain', 'acme-magazin.example',
        '--email', 'datenschutz@acme-magazin.example', '--jurisdiction', 'DE',
      );
      tresor(
        vaultDir, home, 'package', 'create', '--company', 'acme-magazin.example', '--purpose', 'ServiceProvision',
        '--fields', 'given_name,family_name,email', '--transform', 'email=subaddress', '--encrypt', 'none',
      );
      const [made] = JSON.parse(tresor(vaultDir, home, '--json', 'package', 'list'));
      packageId = made.id;
      sub = made.markers.find((m) => m.kind === 'sub_address').value;
      assert.match(sub, /^anna\+[a-z2-9]+@mail\.example$/);
      assert.ok(fs.readdirSync(home).some((f) => f.endsWith('.tresor.json')), 'the package file was written');
    },
  );
});
