// Interop: Digital Bazaar's VC libraries and jsonld.js check packages and status lists that
// Tresor wrote, offline. The document loader holds only the VC 2.0 context (from
// @digitalbazaar/security-document-loader), Tresor's context file from docs/, and the status
// list given; did:key is resolved locally. The Debian `age` CLI decrypts the encrypted package.
//
// Input: the golden vectors in tests/vectors/packages/, and — when TRESOR_INTEROP_DIR is set —
// the files that `make test-interop` had the `tresor` CLI write there.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync, existsSync} from 'node:fs';
import {execFileSync} from 'node:child_process';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {createVerifyCryptosuite} from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as didKey from '@digitalbazaar/did-method-key';
import {checkStatus} from '@digitalbazaar/vc-bitstring-status-list';
import {securityLoader} from '@digitalbazaar/security-document-loader';
import jsonld from 'jsonld';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const vectors = join(root, 'tests', 'vectors', 'packages');
const tresorContext = JSON.parse(readFileSync(join(root, 'docs', 'tresor-context-v1.jsonld'), 'utf8'));
const TRESOR_CONTEXT = 'https://w3id.org/tresor/v1';

const readJson = path => JSON.parse(readFileSync(path, 'utf8'));

function loaderWith(statusList) {
  const loader = securityLoader({fetchRemoteContexts: false});
  loader.addStatic(TRESOR_CONTEXT, tresorContext);
  if(statusList) {
    loader.addStatic(statusList.id, statusList);
  }
  const driver = didKey.driver();
  driver.use({multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from});
  loader.setDidResolver(driver);
  const documentLoader = loader.build();
  // Refuse anything else: nothing may be fetched.
  return async url => {
    const result = await documentLoader(url);
    if(!result) {
      throw new Error(`not offline: ${url}`);
    }
    return result;
  };
}

const suite = () => new DataIntegrityProof({cryptosuite: createVerifyCryptosuite()});

async function verify(credential, statusList, now = new Date()) {
  const documentLoader = loaderWith(statusList);
  return vc.verifyCredential({
    credential, suite: suite(), documentLoader, now,
    checkStatus: statusList ? checkStatus : async () => ({verified: true})
  });
}

const DURING = new Date('2026-12-10T12:00:00Z');

test('a valid Tresor package verifies, with its status list, and is not revoked', async () => {
  const credential = readJson(join(vectors, 'valid_full', 'package.tresor.json'));
  const list = readJson(join(vectors, 'valid_full', 'status-list.json'));
  const result = await verify(credential, list, DURING);
  assert.equal(result.verified, true, JSON.stringify(result.error ?? result, null, 1));
  assert.equal(result.statusResult.verified, true);
  assert.equal(result.statusResult.results[0].status, false, 'not revoked');
});

test('the package without expiry verifies', async () => {
  const credential = readJson(join(vectors, 'valid_minimal_no_expiry', 'package.tresor.json'));
  const result = await verify(credential, null, DURING);
  assert.equal(result.verified, true, JSON.stringify(result.error ?? result, null, 1));
});

test('a revoked package is reported as revoked', async () => {
  const credential = readJson(join(vectors, 'fail_revoked', 'package.tresor.json'));
  const list = readJson(join(vectors, 'fail_revoked', 'status-list.json'));
  const result = await verify(credential, list, DURING);
  assert.equal(result.statusResult.verified, true, 'the list itself is valid');
  assert.equal(result.statusResult.results[0].status, true, 'revoked');
});

test('changed data, a changed or missing proof, another signer: refused', async () => {
  for(const name of ['fail_changed_data', 'fail_changed_proof', 'fail_missing_proof', 'fail_signed_by_another_key']) {
    const credential = readJson(join(vectors, name, 'package.tresor.json'));
    const result = await verify(credential, null, DURING);
    assert.equal(result.verified, false, `${name} verified`);
  }
});

test('an expired package is refused', async () => {
  const credential = readJson(join(vectors, 'fail_expired', 'package.tresor.json'));
  const result = await verify(credential, null, new Date('2027-06-01T01:00:00Z'));
  assert.equal(result.verified, false);
});

test('the Debian age CLI decrypts the encrypted package; the result verifies', async () => {
  const dir = join(vectors, 'valid_age_encrypted');
  const plain = execFileSync('age', ['-d', '-i', join(dir, 'identity.txt'), join(dir, 'package.tresor')]);
  const credential = JSON.parse(plain.toString('utf8'));
  const result = await verify(credential, readJson(join(dir, 'status-list.json')), DURING);
  assert.equal(result.verified, true, JSON.stringify(result.error ?? result, null, 1));
});

test('safe-mode JSON-LD expansion maps the subject, nested address included, to schema.org', async () => {
  const credential = readJson(join(vectors, 'valid_full', 'package.tresor.json'));
  const expanded = await jsonld.expand(credential, {documentLoader: loaderWith(null), safe: true});
  const text = JSON.stringify(expanded);
  for(const iri of ['https://schema.org/givenName', 'https://schema.org/familyName', 'https://schema.org/email',
    'https://schema.org/address', 'https://schema.org/postalCode', 'https://schema.org/addressLocality',
    'https://schema.org/addressCountry', 'https://schema.org/Person', 'https://w3id.org/tresor/vocab#ageOver',
    'https://w3id.org/dpv#hasPurpose', 'https://w3id.org/dpv#ServiceProvision',
    'https://w3id.org/tresor/vocab#consentReceipt']) {
    assert.ok(text.includes(iri), `${iri} missing from the expansion`);
  }
  assert.ok(!text.includes('issuer-dependent'), 'a term fell back to the issuer-dependent @vocab');
  const list = readJson(join(vectors, 'valid_full', 'status-list.json'));
  await jsonld.expand(list, {documentLoader: loaderWith(null), safe: true});
});

const cliDir = process.env.TRESOR_INTEROP_DIR;
const noCli = {skip: !cliDir || !existsSync(cliDir ?? '') ? 'TRESOR_INTEROP_DIR is not set' : false};
const cli = name => readJson(join(cliDir, name));

test('a package the tresor CLI wrote verifies with its status list, not revoked', noCli, async () => {
  const result = await verify(cli('package.tresor.json'), cli('status-list-after.json'));
  assert.equal(result.verified, true, JSON.stringify(result.error ?? result, null, 1));
  assert.equal(result.statusResult.results[0].status, false, 'not revoked');
});

test('the age CLI decrypts the package the tresor CLI encrypted to the shop; it verifies', noCli, async () => {
  const plain = execFileSync('age', ['-d', '-i', join(cliDir, 'shop.key'), join(cliDir, 'package.tresor')]);
  const credential = JSON.parse(plain.toString('utf8'));
  assert.equal(credential.credentialSubject.ageOver, 18);
  assert.match(credential.credentialSubject.email, /^anna\+[a-z2-9]{6}@mail\.example$/);
  const result = await verify(credential, cli('status-list.json'));
  assert.equal(result.verified, true, JSON.stringify(result.error ?? result, null, 1));
});

test('a package the tresor CLI revoked is reported revoked by the new list, not by the old', noCli, async () => {
  const before = await verify(cli('revoked.tresor.json'), cli('status-list.json'));
  assert.equal(before.statusResult.results[0].status, false);
  const after = await verify(cli('revoked.tresor.json'), cli('status-list-after.json'));
  assert.equal(after.statusResult.verified, true, 'the new list is itself valid and signed by the issuer');
  assert.equal(after.statusResult.results[0].status, true, 'revoked');
});

test('the signed revocation notice verifies as a credential of the same issuer', noCli, async () => {
  const notice = cli('notice.json');
  const result = await verify(notice, null);
  assert.equal(result.verified, true, JSON.stringify(result.error ?? result, null, 1));
  assert.equal(notice.issuer, cli('revoked.tresor.json').issuer);
  const expanded = JSON.stringify(await jsonld.expand(notice, {documentLoader: loaderWith(null), safe: true}));
  assert.ok(expanded.includes('https://w3id.org/tresor/vocab#revokedAt'));
});

test('safe-mode JSON-LD expansion of a CLI-written package succeeds', noCli, async () => {
  const expanded = JSON.stringify(await jsonld.expand(cli('package.tresor.json'),
    {documentLoader: loaderWith(null), safe: true}));
  assert.ok(expanded.includes('https://schema.org/streetAddress'));
  assert.ok(!expanded.includes('issuer-dependent'));
});
