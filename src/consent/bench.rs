//! A ledger of any size in one save, for `benches/` only.

use chrono::Duration;

use super::company::{NewCompany, put_company};
use super::model::*;
use super::store::{build, put_consent};
use crate::error::Result;
use crate::history::{self, Event};
use crate::profile::FieldKind;
use crate::vault::{Vault, stamp};

impl Vault {
    /// `companies` companies with `consents` consents spread over them, in one save (for
    /// `benches/` only): every fifth with no expiry, every seventh allowing sale.
    #[doc(hidden)]
    pub fn fill_ledger_for_benchmark(&mut self, companies: usize, consents: usize) -> Result<()> {
        self.fill(companies, consents, "company", false)
    }

    /// The same with a `consent.given` event for each consent, as the person's own grants
    /// would have (for the merge benchmark); the companies' domains start with `prefix`.
    #[doc(hidden)]
    pub fn fill_ledger_with_history_for_benchmark(
        &mut self,
        companies: usize,
        consents: usize,
        prefix: &str,
    ) -> Result<()> {
        self.fill(companies, consents, prefix, true)
    }

    fn fill(&mut self, companies: usize, consents: usize, prefix: &str, events: bool) -> Result<()> {
        let now = self.now();
        self.update(|tx| {
            let ids: Vec<String> = (0..companies)
                .map(|i| {
                    let id = uuid::Uuid::new_v4().to_string();
                    let c = NewCompany {
                        name: format!("Company {i:04}"),
                        domain: Some(format!("{prefix}{i}.example")),
                        jurisdiction: "DE".into(),
                        ..NewCompany::default()
                    };
                    put_company(tx, &id, &c, &stamp(now), &stamp(now)).map(|()| id)
                })
                .collect::<Result<_>>()?;
            for i in 0..consents {
                let new = NewConsent {
                    company_id: ids[i % ids.len().max(1)].clone(),
                    purposes: vec![Purpose::ALL[i % Purpose::ALL.len()]],
                    data: ConsentData { kinds: vec![FieldKind::Email, FieldKind::GivenName], fields: vec![] },
                    legal_basis: LegalBasis::Consent,
                    granted_at: Some(stamp(now - Duration::days((i % 700) as i64))),
                    expires: if i % 5 == 0 {
                        Expiry::Never
                    } else {
                        Expiry::After { n: 30 + (i % 900) as u32, unit: DurationUnit::Days }
                    },
                    third_party_sharing: i % 3 == 0,
                    shared_with: vec![],
                    sale_allowed: i % 7 == 0,
                    value_received: String::new(),
                    collection_method: "web form".into(),
                    policy_url: String::new(),
                    notes: String::new(),
                };
                let c = build(tx, &uuid::Uuid::new_v4().to_string(), new, now, None)?;
                put_consent(tx, &c, None)?;
                if events {
                    let event = Event::ConsentGiven {
                        company: c.company_name.clone(),
                        purposes: c.purposes.clone(),
                        expires_at: c.expires_at.clone(),
                        receipt: None,
                    };
                    history::append(tx, &stamp(now), &c.id, &event)?;
                }
            }
            Ok(())
        })
    }
}
