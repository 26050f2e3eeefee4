//! The TypeScript types of the IPC boundary, generated from the Rust DTOs with ts-rs.
//!
//! `cargo test` fails when `ui/src/lib/bindings/` is stale; `UPDATE_BINDINGS=1 cargo test
//! bindings` rewrites it.

use std::collections::BTreeMap;
use std::path::Path;

use ts_rs::{Config, TS};

use crate::consent::receipt::ReceiptImport;
use crate::consent::{CompanyView, ConsentPreview, NewCompany, NewConsent, Review, Vocabulary};
use crate::directory::{Authority, Entry, Hit, Pack};
use crate::discovery::{Choice, Confirmed, Discovery, DiscoveryOptions, ScanProgress};
use crate::letters::requests::{AskedPack, LetterRequest, Request};
use crate::package::{CreatedPackage, IssuerInfo, PackagePreview, PackageRequest, RevokedPackage};
use crate::profile::{ExportFormat, ImportFile, ImportReport, KindInfo, NewField, ProfileField};
use crate::search::SearchResults;
use crate::sync::{ConflictCopy, Device, MergeReport, Resolution, Strategy, SyncStatus};
use crate::trace::{TraceRecord, TraceResult};
use crate::{AppError, Backup, Created, HistoryEntry, LogCheck, Strength, VaultStatus};

fn export(dir: &Path) {
    let cfg = Config::new().with_out_dir(dir).with_large_int("number");
    AppError::export_all(&cfg).unwrap();
    Created::export_all(&cfg).unwrap();
    HistoryEntry::export_all(&cfg).unwrap();
    LogCheck::export_all(&cfg).unwrap();
    Strength::export_all(&cfg).unwrap();
    VaultStatus::export_all(&cfg).unwrap();
    ProfileField::export_all(&cfg).unwrap();
    NewField::export_all(&cfg).unwrap();
    KindInfo::export_all(&cfg).unwrap();
    ImportFile::export_all(&cfg).unwrap();
    ImportReport::export_all(&cfg).unwrap();
    ExportFormat::export_all(&cfg).unwrap();
    Review::export_all(&cfg).unwrap();
    SearchResults::export_all(&cfg).unwrap();
    CompanyView::export_all(&cfg).unwrap();
    NewCompany::export_all(&cfg).unwrap();
    NewConsent::export_all(&cfg).unwrap();
    ConsentPreview::export_all(&cfg).unwrap();
    Vocabulary::export_all(&cfg).unwrap();
    Backup::export_all(&cfg).unwrap();
    ReceiptImport::export_all(&cfg).unwrap();
    PackageRequest::export_all(&cfg).unwrap();
    PackagePreview::export_all(&cfg).unwrap();
    CreatedPackage::export_all(&cfg).unwrap();
    RevokedPackage::export_all(&cfg).unwrap();
    IssuerInfo::export_all(&cfg).unwrap();
    TraceResult::export_all(&cfg).unwrap();
    TraceRecord::export_all(&cfg).unwrap();
    LetterRequest::export_all(&cfg).unwrap();
    Request::export_all(&cfg).unwrap();
    AskedPack::export_all(&cfg).unwrap();
    Hit::export_all(&cfg).unwrap();
    Entry::export_all(&cfg).unwrap();
    Authority::export_all(&cfg).unwrap();
    Pack::export_all(&cfg).unwrap();
    Discovery::export_all(&cfg).unwrap();
    DiscoveryOptions::export_all(&cfg).unwrap();
    ScanProgress::export_all(&cfg).unwrap();
    Choice::export_all(&cfg).unwrap();
    Confirmed::export_all(&cfg).unwrap();
    Device::export_all(&cfg).unwrap();
    ConflictCopy::export_all(&cfg).unwrap();
    SyncStatus::export_all(&cfg).unwrap();
    MergeReport::export_all(&cfg).unwrap();
    Strategy::export_all(&cfg).unwrap();
    Resolution::export_all(&cfg).unwrap();
}

fn read_dir(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read_to_string(e.path()).unwrap()))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn typescript_bindings_are_up_to_date() {
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/bindings");
    let fresh = tempfile::tempdir().unwrap();
    export(fresh.path());
    let (want, have) = (read_dir(fresh.path()), read_dir(&committed));
    if want == have {
        return;
    }
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        let _ = std::fs::remove_dir_all(&committed);
        std::fs::create_dir_all(&committed).unwrap();
        for (name, text) in &want {
            std::fs::write(committed.join(name), text).unwrap();
        }
        return;
    }
    let stale: Vec<_> = want.keys().chain(have.keys()).filter(|k| want.get(*k) != have.get(*k)).collect();
    panic!("ui/src/lib/bindings is stale ({stale:?}); run `UPDATE_BINDINGS=1 cargo test bindings` and commit");
}
