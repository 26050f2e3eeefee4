# Tresor — `make run` starts the app, `make test` runs every test. Both install what is missing.
SHELL := /bin/bash
.ONESHELL:
.SHELLFLAGS := -eu -o pipefail -c

APT_PACKAGES := build-essential pkg-config file libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev \
  libayatana-appindicator3-dev librsvg2-dev libssl-dev xvfb xauth webkit2gtk-driver \
  gnome-keyring dbus-x11 libsecret-tools age sqlite3 xdotool xclip poppler-utils desktop-file-utils \
  python3-gi gir1.2-gtk-3.0 \
  nodejs npm
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CARGO := cargo
TARGET_DIR := $(or $(CARGO_TARGET_DIR),target)
APP := $(abspath $(TARGET_DIR)/debug/tresor-app)
# Every test build uses these same packages and features, so the dependencies build once.
TEST_BUILD := --locked --workspace --features tresor/bindings

.PHONY: run test package package-debug test-package stress audit deps ui app lint test-core test-keyring test-ui test-interop test-e2e bench bench-desktop bindings directory fuzz clean

run: deps ui
	$(CARGO) build --locked -p tresor-app
	$(APP)

test: deps lint app test-core test-keyring test-ui test-interop test-e2e test-package
	@echo "make test: every suite passed"

# --- installation --------------------------------------------------------------------------
deps: .deps/apt .deps/cargo-deny ui/node_modules/.installed

# The shell lines that install those of the Debian packages $(1) that are missing.
define apt_install
missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done)
if [ -n "$$missing" ]; then
  echo "Installing Debian packages: $$missing"
  $(SUDO) apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing
fi
endef

# Node.js from the machine counts: only install Debian's if there is none.
NODE_APT = $(if $(shell command -v node && command -v npm),,nodejs npm)

.deps/apt: Makefile
	$(call apt_install,$(filter-out nodejs npm,$(APT_PACKAGES)) $(NODE_APT))
	command -v $(CARGO) >/dev/null || { echo "Rust is missing: install it with rustup (https://rustup.rs)"; exit 1; }
	mkdir -p .deps && touch $@

# cargo-deny checks the dependency tree's licenses, bans and sources (built once, ~3 min).
.deps/cargo-deny: .deps/apt
	command -v cargo-deny >/dev/null || $(CARGO) install --locked cargo-deny@0.20.2
	touch $@

ui/node_modules/.installed: ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund
	touch $(CURDIR)/$@

# --- build ---------------------------------------------------------------------------------
ui: deps
	cd ui && npm run build

# The app, the CLI (end-to-end tests drive both) and every test, in one build.
app: ui
	$(CARGO) build $(TEST_BUILD) --all-targets

# --- tests ---------------------------------------------------------------------------------
lint: ui
	$(CARGO) fmt --all --check
	$(CARGO) clippy $(TEST_BUILD) --all-targets -- -D warnings
	# The desktop app does not carry the CLI's or the bindings' crates.
	if $(CARGO) tree --locked -p tresor-app -e normal --prefix none | grep -E '^(clap|rpassword|ts-rs) '; then \
	  echo "tresor-app depends on a CLI or bindings crate"; exit 1; fi
	# Licenses that combine with the AGPL, crates.io only, no network client (deny.toml).
	$(CARGO) deny --locked check licenses bans sources
	cd ui && npm run check && npm run lint

# The core and CLI, and the shell's own tests (auto-lock); the shell embeds ui/dist.
test-core: ui
	$(CARGO) test $(TEST_BUILD)

# The real Secret Service: gnome-keyring in a private D-Bus session and a throwaway home.
test-keyring: deps
	export XDG_DATA_HOME=$$(mktemp -d)
	dbus-run-session -- sh -c 'echo -n test | gnome-keyring-daemon --unlock --components=secrets >/dev/null && \
	  $(CARGO) test $(TEST_BUILD) --test it -- --ignored system_keyring'

test-ui: deps
	cd ui && npm test

test-e2e: app
	TRESOR_APP=$(APP) dbus-run-session -- xvfb-run -a --server-args='-screen 0 1280x900x24' \
	  node --test --test-concurrency=1 --test-timeout=180000 tests/e2e/

# The long versions of the bad-input sweeps (every offset, 10,000 flips; about two minutes).
stress: deps
	$(CARGO) test $(TEST_BUILD) --test it -- --ignored stress_

# Known vulnerabilities: RustSec's advisory database and npm's audit endpoint. Both need the
# network, so this is not part of `make test`.
audit: deps
	$(CARGO) deny --locked check advisories
	cd ui && npm audit --omit=dev

bench: deps
	$(CARGO) bench --locked --bench vault
	$(CARGO) bench --locked --bench package
	$(CARGO) bench --locked --bench directory
	$(CARGO) bench --locked --bench discovery
	$(CARGO) bench --locked --bench sync
	$(CARGO) bench --locked --bench search
	$(MAKE) bench-desktop

# The release app beside KeePassXC under one Xvfb (benches/desktop.mjs; docs/benchmarks.md).
BENCH_APT := keepassxc gir1.2-webkit2-4.1
bench-desktop: package
	$(call apt_install,$(BENCH_APT))
	TRESOR_APP=$(abspath $(TARGET_DIR))/release/tresor-app TRESOR_CLI=$(abspath $(TARGET_DIR))/release/tresor \
	  TRESOR_DEB=$$(ls -t $(abspath $(TARGET_DIR))/release/bundle/deb/*.deb | head -1) \
	  dbus-run-session -- xvfb-run -a --server-args='-screen 0 1280x900x24' node benches/desktop.mjs

# Coverage-guided fuzzing of what Tresor reads from outside (nightly; FUZZ_SECONDS each).
FUZZ_SECONDS ?= 60
fuzz: deps
	command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz
	# Each target with its seeds: the test vectors of what it reads (the vault target damages
	# a real vault it makes itself).
	cd fuzz && for t in verify:packages trace:mail vcard:vcard receipt:receipts vault:; do \
	  mkdir -p corpus/$${t%%:*}; seeds=$${t#*:}; \
	  cargo +nightly fuzz run $${t%%:*} corpus/$${t%%:*} $${seeds:+../tests/vectors/$$seeds} -- \
	    -max_total_time=$(FUZZ_SECONDS) -max_len=65536 || exit 1; done

# Regenerate the TypeScript types of the IPC boundary after changing a DTO.
bindings:
	UPDATE_BINDINGS=1 $(CARGO) test --locked --features bindings --lib bindings

# Rebuild the bundled company directory (data/directory/) from a newer checkout of
# github.com/datenanfragen/data: make directory DATA=/path/to/data [COMMIT=…] [DATE=YYYY-MM-DD]
# (docs/directory.md). Then run the tests and commit data/directory/.
directory:
	test -n "$(DATA)" || { echo "usage: make directory DATA=/path/to/datenanfragen-data [COMMIT=<40 hex>] [DATE=YYYY-MM-DD]"; exit 2; }
	$(CARGO) run --locked --example build_directory -- "$(DATA)" --out data/directory \
	  $(if $(COMMIT),--commit $(COMMIT)) $(if $(DATE),--date $(DATE))

# --- the installable package ------------------------------------------------------------------
# `make package`: the Debian package (app and CLI, optimised) in target/release/bundle/deb/.
# Tauri's bundler writes the .deb (desktop entry, icons, dependencies); the CLI goes in beside
# the app as /usr/bin/tresor. docs/install.md says how to install it and where it puts things.
TAURI := $(CURDIR)/ui/node_modules/.bin/tauri
deb_files = '{"bundle":{"linux":{"deb":{"files":{"/usr/bin/tresor":"$(abspath $(TARGET_DIR))/$(1)/tresor"}}}}}'

package: ui
	$(CARGO) build --locked --release -p tresor --bin tresor
	cd src-tauri && $(TAURI) build --ci --bundles deb --config $(call deb_files,release)
	ls -l $(TARGET_DIR)/release/bundle/deb/*.deb

# The same package from the test build (`make app`): what `make test` installs and starts.
package-debug: app
	cd src-tauri && $(TAURI) build --ci --debug --bundles deb --config $(call deb_files,debug) \
	  -- --locked --features tresor/bindings

test-package: package-debug
	TRESOR_DEB_DIR=$(abspath $(TARGET_DIR))/debug/bundle/deb dbus-run-session -- \
	  xvfb-run -a --server-args='-screen 0 1280x900x24' \
	  node --test --test-concurrency=1 --test-timeout=180000 tests/package/

clean:
	rm -rf target ui/dist ui/node_modules .deps

# Interop: Digital Bazaar's VC libraries, jsonld.js and the Debian age CLI check Tresor's packages.
# The tresor CLI writes packages and status lists first (tests/interop/cli-packages.sh).
test-interop: app
	tests/interop/cli-packages.sh $(abspath $(TARGET_DIR))/interop $(abspath $(TARGET_DIR))/debug/tresor
	cd tests/interop
	npm ci --no-audit --no-fund
	TRESOR_INTEROP_DIR=$(abspath $(TARGET_DIR))/interop npm test
