// End-to-end tests of the profile page in the real window (see vault.test.mjs for how to run).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createVault, unlock, withApp } from './webdriver.mjs';

const PASSPHRASE = 'orange kayak wanders north at dawn';

/** Choose an option of a <select> the way a user does: click it. */
async function choose(d, select, value) {
  await d.click(`${select} option[value="${value}"]`);
  await d.waitFor(async () => (await d.property(select, 'value')) === value, {
    message: `${select} did not take the value ${value}`,
  });
}

async function openProfile(d) {
  await d.click('#nav-profile');
  await d.waitFor('#profile-title');
}

const addressRow = 'li.profile-field[data-kind="address"]';

test('an address added in the window survives lock and unlock', (t) =>
  withApp(t, async (d) => {
    await createVault(d, PASSPHRASE);
    await openProfile(d);

    await d.click('#add-addresses');
    await d.waitFor('#field-street');
    await d.sendKeys('#field-label', 'home');
    await d.sendKeys('#field-street', 'Hauptstraße 5');
    await d.sendKeys('#field-postcode', '10115');
    await d.sendKeys('#field-locality', 'Berlin');
    await choose(d, '#field-country', 'DE');
    await d.click('#field-save');
    await d.waitForText(addressRow, (text) => text.includes('Hauptstraße 5') && text.includes('Berlin'));

    await d.click('#lock');
    await unlock(d, PASSPHRASE);
    await openProfile(d);
    const row = await d.waitForText(addressRow, (text) => text.includes('Hauptstraße 5'));
    assert.ok(row.includes('10115') && row.includes('Berlin'), `the address row reads: ${row}`);
  }));

test('an invalid e-mail address is refused with a reason and nothing is added', (t) =>
  withApp(t, async (d) => {
    await createVault(d, PASSPHRASE);
    await openProfile(d);

    await d.click('#add-contact');
    await d.waitFor('#field-text');
    await choose(d, '#field-kind', 'email');
    await d.sendKeys('#field-text', 'anna@');
    await d.click('#field-save');
    const alert = await d.waitForText('[role=alert]', (text) => text.includes('not an e-mail address'));
    assert.ok(alert.includes('anna@'), `the message names the input: ${alert}`);
    assert.equal(await d.property('#field-text', 'value'), 'anna@', 'the typed text was kept');
    assert.equal((await d.findAll('li.profile-field')).length, 0, 'a field was added anyway');

    await d.clear('#field-text');
    await d.sendKeys('#field-text', 'anna@example.org');
    await d.click('#field-save');
    await d.waitForText('li.profile-field[data-kind="email"]', (text) => text.includes('anna@example.org'));
  }));
