//! No secret in any `Debug` or `Display` output: every public type that can hold the
//! passphrase, the recovery key or the vault's identity, and every error built from input that
//! looks like one, is formatted and searched for the secrets (as typed, upper and lower case);
//! and no personal data in plain text in any file a package journey leaves on disk.

use std::sync::Arc;

use keyring_core::{CredentialStore, Entry, mock};
use tresor::secrecy::{ExposeSecret, SecretString};
use tresor::{AppError, Created, Credential, Error, Keyring, Vault};

use crate::util::{PASSPHRASE, TestVault};

/// Every way a secret could show: as given, upper and lower case, and its data part (what
/// follows `AGE-SECRET-KEY-1`).
fn needles(secrets: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for s in secrets {
        out.push(s.to_string());
        out.push(s.to_ascii_uppercase());
        out.push(s.to_ascii_lowercase());
        if let Some(data) = s.to_ascii_uppercase().strip_prefix("AGE-SECRET-KEY-1") {
            out.push(data.to_string());
            out.push(data.to_ascii_lowercase());
        }
    }
    out
}

fn assert_clean(what: &str, text: &str, secrets: &[&str]) {
    for needle in needles(secrets) {
        assert!(!text.contains(&needle), "{what} shows a secret: {text}");
    }
}

/// An error formatted with `{:?}` and `{}`, and as the `AppError` the UI gets.
fn check_error(what: &str, e: Error, secrets: &[&str]) {
    assert_clean(&format!("{what} ({{:?}})"), &format!("{e:?}"), secrets);
    assert_clean(&format!("{what} ({{}})"), &format!("{e}"), secrets);
    let app = AppError::from(e);
    assert_clean(&format!("{what} as AppError"), &format!("{app:?}"), secrets);
    assert_clean(&format!("{what} as AppError message"), &app.message, secrets);
}

fn err<T>(result: tresor::Result<T>, what: &str) -> Error {
    match result {
        Ok(_) => panic!("{what} succeeded"),
        Err(e) => e,
    }
}

#[test]
fn no_public_type_or_error_shows_a_secret() {
    let (tv, vault) = TestVault::create();
    let recovery = tv.recovery.expose_secret().to_string();
    let secrets = [PASSPHRASE, recovery.as_str()];

    // The values that hold secrets.
    let (_, created_dir) = TestVault::empty_dir(crate::util::options());
    let (new_vault, key) = created_dir.create(&SecretString::from(PASSPHRASE), false).unwrap();
    let created = Created { status: created_dir.status(Some(&new_vault)), recovery_key: key };
    let created_key = serde_json::to_value(&created).unwrap()["recoveryKey"].as_str().unwrap().to_string();
    assert!(created_key.starts_with("AGE-SECRET-KEY-1"), "Created must still serialise the key for the UI once");
    let secrets_with_new = [PASSPHRASE, recovery.as_str(), created_key.as_str()];
    assert_clean("Created", &format!("{created:?}"), &secrets_with_new);
    assert_clean("RecoveryKey", &format!("{:?}", created.recovery_key), &secrets_with_new);
    assert_clean("Vault", &format!("{vault:?}"), &secrets);
    assert_clean("Vault (the new one)", &format!("{new_vault:?}"), &secrets_with_new);
    assert_clean("VaultDir", &format!("{:?}", tv.dir), &secrets);

    let passphrase = SecretString::from(PASSPHRASE);
    let recovery_secret = SecretString::from(recovery.clone());
    let store: Arc<CredentialStore> = mock::Store::new().expect("mock store");
    let keyring = Keyring::with_store(Arc::clone(&store));
    for (what, credential) in [
        ("Credential::Passphrase", Credential::Passphrase(&passphrase)),
        ("Credential::RecoveryKey", Credential::RecoveryKey(&recovery_secret)),
        ("Credential::Keyring", Credential::Keyring(&keyring)),
    ] {
        assert_clean(what, &format!("{credential:?}"), &secrets);
    }
    let mut with_keyring: Vault = tv.unlock();
    with_keyring.enable_keyring(&keyring).unwrap();
    assert_clean("Keyring (holding the identity)", &format!("{keyring:?}"), &secrets);
    assert_clean("Vault with keyring", &format!("{with_keyring:?}"), &secrets);

    // Errors built from secret-looking input.
    let almost = format!("{}X", &recovery[..recovery.len() - 1]);
    let typo = SecretString::from(almost.clone());
    let secrets_and_typo = [PASSPHRASE, recovery.as_str(), almost.as_str(), created_key.as_str()];
    check_error(
        "a recovery key with a typo",
        err(tv.dir.unlock(Credential::RecoveryKey(&typo)), "typo"),
        &secrets_and_typo,
    );
    let other_vault_key = SecretString::from(created_key.to_ascii_lowercase());
    check_error(
        "another vault's recovery key",
        err(tv.dir.unlock(Credential::RecoveryKey(&other_vault_key)), "other key"),
        &secrets_and_typo,
    );
    let wrong = SecretString::from(format!("{PASSPHRASE}!"));
    check_error("a wrong passphrase", err(tv.dir.unlock(Credential::Passphrase(&wrong)), "wrong"), &secrets_and_typo);
    let weak = "tresor123";
    check_error(
        "a weak new passphrase on recovery",
        err(tv.dir.recover(&recovery_secret, &SecretString::from(weak), false), "weak"),
        &[PASSPHRASE, recovery.as_str(), weak],
    );
    let (_, weak_dir) = TestVault::empty_dir(crate::util::options());
    check_error(
        "a weak passphrase on create",
        err(weak_dir.create(&SecretString::from(weak), false), "weak create"),
        &[weak],
    );
    let mut v = tv.unlock();
    check_error(
        "a wrong current passphrase on change",
        err(v.change_passphrase(&wrong, &SecretString::from("a new and long passphrase here"), false), "change"),
        &secrets_and_typo,
    );
    // A keyring entry that holds something key-like but broken.
    let vault_id = with_keyring.meta().vault_id.clone();
    Entry::new_in_store(&store, "tresor", &vault_id).unwrap().set_password(&almost).unwrap();
    check_error(
        "a broken key in the keyring",
        err(tv.dir.unlock(Credential::Keyring(&keyring)), "keyring"),
        &secrets_and_typo,
    );
}

/// Every byte of every file under `root`, searched for each needle.
fn files_containing(root: &std::path::Path, needles: &[String]) -> Vec<String> {
    let mut hits = Vec::new();
    for (path, bytes) in crate::util::snapshot(root) {
        for n in needles {
            if bytes.windows(n.len()).any(|w| w == n.as_bytes()) {
                hits.push(format!("{} holds {n:?}", path.display()));
            }
        }
    }
    hits
}

#[test]
fn no_personal_data_reaches_the_disk_in_plain_text() {
    use tresor::consent::{DurationUnit, Expiry, NewCompany, Purpose};
    use tresor::package::{Encryption, PackageOutput, PackageRequest, Pick, Transform};
    use tresor::profile::{FieldKind, NewField};
    let (tv, mut vault) = TestVault::create();
    let out = tv.path().parent().unwrap().to_path_buf();
    let values = ["Zaphodine", "Beeblebroxx", "zaphodine@heart-of-gold.example", "+4930987654321"];
    let kinds = [FieldKind::GivenName, FieldKind::FamilyName, FieldKind::Email, FieldKind::Phone];
    let ids: Vec<String> =
        kinds.iter().zip(values).map(|(k, v)| vault.add_field(NewField::text(*k, v)).unwrap().id).collect();
    let shop = age::x25519::Identity::generate();
    let company = vault
        .add_company(NewCompany {
            name: "Example Shop".into(),
            domain: Some("shop.example".into()),
            age_recipient: Some(shop.to_public().to_string()),
            ..NewCompany::default()
        })
        .unwrap()
        .id;
    let request = PackageRequest {
        company_id: company,
        purposes: vec![Purpose::ServiceProvision],
        fields: ids.iter().map(|id| Pick { field_id: id.clone(), transform: Transform::Full }).collect(),
        expires: Expiry::After { n: 1, unit: DurationUnit::Months },
        third_party_sharing: false,
        reference_code: false,
        consent_id: None,
        status_list_url: None,
    };
    let secret = SecretString::from("a passphrase for the shop");
    let to_shop = out.join("shop.tresor");
    vault
        .create_package(
            &request,
            None,
            &PackageOutput { path: &to_shop, encryption: Encryption::Recipient, passphrase: None, overwrite: false },
        )
        .unwrap();
    let by_passphrase = out.join("shop-2.tresor");
    let output = PackageOutput {
        path: &by_passphrase,
        encryption: Encryption::Passphrase,
        passphrase: Some(&secret),
        overwrite: false,
    };
    let p = vault.create_package(&request, None, &output).unwrap().package;
    let revoked = vault.revoke_package(&p.id, "moved").unwrap();
    vault.lock();

    let needles: Vec<String> =
        values.iter().flat_map(|v| [v.to_string(), v.to_lowercase(), v.to_uppercase()]).collect();
    let hits = files_containing(&out, &needles);
    assert!(hits.is_empty(), "plain personal data on disk: {hits:?}");
    // What is handed over or published on revocation carries no personal data at all.
    for (what, text) in [("status list", &revoked.status_list.text), ("notice", &revoked.notice)] {
        for n in &needles {
            assert!(!text.contains(n.as_str()), "the {what} carries {n}");
        }
    }
    // The check can fail: the shop's key opens its package, and there the data are.
    let plain = age::decrypt(&shop, &std::fs::read(&to_shop).unwrap()).unwrap();
    assert!(String::from_utf8(plain).unwrap().contains("Beeblebroxx"));
}
