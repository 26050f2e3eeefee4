#!/bin/sh
# Has the real `tresor` CLI write what the interop tests check: in $1, a plain package, one
# encrypted to an age key made by the Debian `age-keygen`, a revoked one, and the company's
# status list before and after the revocation.
set -eu
out=$1
tresor=$2
rm -rf "$out" && mkdir -p "$out" && cd "$out"
export TRESOR_VAULT="$out/vault" TRESOR_PASSPHRASE='orange kayak wanders north at dawn'
"$tresor" init >/dev/null
age-keygen -o shop.key 2>/dev/null
"$tresor" profile add given_name Anna >/dev/null
"$tresor" profile add family_name Schmidt >/dev/null
"$tresor" profile add email anna@mail.example >/dev/null
"$tresor" profile add birth_date 1990-05-17 >/dev/null
"$tresor" profile add address --field 'street=Lindenstraße 5' --field postcode=10115 --field locality=Berlin --field country=DE >/dev/null
"$tresor" company add 'Example Shop' --domain shop.example --jurisdiction DE --age-recipient "$(age-keygen -y shop.key)" >/dev/null
create() {
  "$tresor" package create --company shop.example --purpose ServiceProvision --fields given_name,family_name,email,birth_date,address \
    --transform family_name=variant:Schmidtt --transform email=subaddress --transform birth_date=over18 --reference --expires 6m "$@" >/dev/null
}
create --encrypt none --out package.tresor.json
create --out package.tresor
create --encrypt none --out revoked.tresor.json
"$tresor" status-list export --company shop.example --out status-list.json >/dev/null
"$tresor" package revoke "$("$tresor" --json package list | grep -o 'urn:uuid:[0-9a-f-]*' | head -1)" --reason test --out-dir . >/dev/null
mv example-shop-status-list.json status-list-after.json
mv example-shop-revocation-*.json notice.json
