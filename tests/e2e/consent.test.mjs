// End-to-end test of the consent ledger in the real window (see vault.test.mjs for how to run).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createVault, withApp } from './webdriver.mjs';

const PASSPHRASE = 'orange kayak wanders north at dawn';

async function choose(d, select, value) {
  await d.click(`${select} option[value="${value}"]`);
  await d.waitFor(async () => (await d.property(select, 'value')) === value, {
    message: `${select} did not take the value ${value}`,
  });
}

test('a consent to ACME Magazin for direct marketing: granted, on the dashboard, withdrawn with its history', (t) =>
  withApp(t, async (d) => {
    await createVault(d, PASSPHRASE);

    // Record it: a new company, direct marketing, name and e-mail, no expiry.
    await d.click('#record-consent');
    await d.waitFor('#consent-company-new');
    await d.sendKeys('#consent-company-new', 'ACME Magazin');
    await d.click('#purpose-DirectMarketing');
    await d.click('#kind-given_name');
    await d.click('#kind-email');
    await choose(d, '#consent-expiry', 'never');
    await d.waitForText('#consent-warnings', (text) => /no expiry/i.test(text));
    await d.click('#consent-save');
    await d.waitForText('#company-title', (text) => text.includes('ACME Magazin'));

    // The dashboard counts it and lists it as needing attention, with the reason.
    await d.click('#nav-dashboard');
    await d.waitForText('#count-active', (text) => text.trim() === '1');
    const risky = await d.waitForText('#risky-list', (text) => text.includes('ACME Magazin'));
    assert.match(risky, /no expiry/i, `the reason is shown: ${risky}`);

    // Withdraw it from the company page, in one step with a confirmation.
    await d.click('#risky-list button.company');
    await d.waitForText('#company-title', (text) => text.includes('ACME Magazin'));
    await d.click('li.consent[data-status="given"] button.withdraw');
    await d.waitFor('#withdraw-reason');
    await d.sendKeys('#withdraw-reason', 'too much mail');
    await d.click('#withdraw-confirm');
    await d.waitFor('li.consent[data-status="withdrawn"]');
    assert.equal(await d.tryFind('li.consent[data-status="given"]'), null, 'still shown as given');

    // Its history shows both steps (the row opens after a withdrawal; open it if not).
    const toggle = 'li.consent[data-status="withdrawn"] button.toggle';
    if ((await d.attribute(toggle, 'aria-expanded')) !== 'true') await d.click(toggle);
    const history = await d.waitForText('li.consent[data-status="withdrawn"] ol.history', (text) =>
      /withdrawn/i.test(text) && /given/i.test(text),
    );
    assert.match(history, /too much mail/, `the reason is in the history: ${history}`);

    await d.click('#nav-dashboard');
    await d.waitForText('#count-withdrawn', (text) => text.trim() === '1');
    assert.equal((await d.text('#count-active')).trim(), '0');
  }));

test('German chosen in Settings on an English desktop: dates are typed and read the German way', (t) =>
  withApp(t, async (d) => {
    await createVault(d, PASSPHRASE);
    await d.click('#nav-settings');
    await choose(d, '#language', 'de');

    await d.click('#nav-dashboard');
    // The dashboard replaces Settings a moment after the click.
    await d.waitForText('#dashboard-title', (text) => text.length > 0);
    await d.click('#record-consent');
    await d.waitFor('#consent-company-new');
    await d.sendKeys('#consent-company-new', 'ACME Magazin');
    await d.click('#purpose-DirectMarketing');
    await d.click('#kind-email');
    const granted = await d.property('#consent-granted', 'value');
    assert.match(granted, /^\d{2}\.\d{2}\.\d{4}$/, `the day it was given, written the German way: ${granted}`);
    await choose(d, '#consent-expiry', 'on');
    await d.sendKeys('#consent-expiry-date', '31.12.27');
    await d.waitForText('#consent-expiry-date-hint', (text) => text.trim() === 'Freitag, 31. Dezember 2027');
    await d.click('#consent-save');
    await d.waitForText('#company-consents', (text) => text.includes('Endet 31. Dezember 2027'));
  }));
