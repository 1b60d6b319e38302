# The README's two commands, and nothing else of substance: Meson builds and tests.
#   make demo   install what is missing, build, start the kiosk in demo mode
#   make check  the same set-up, then every test (also under AddressSanitizer/UBSan)
SHELL := /bin/bash
.ONESHELL:
.SHELLFLAGS := -eu -o pipefail -c

BUILD ?= build
ASAN_BUILD ?= build-asan
# A clang build for the libFuzzer targets (tests/fuzz/meson.build).
FUZZ_BUILD ?= build-fuzz

# Debian 12 packages. Build and run:
RUN_PACKAGES := meson ninja-build pkg-config gcc gettext \
	libglib2.0-dev libgtk-4-dev libadwaita-1-dev libsqlite3-dev libjson-glib-dev libhyphen-dev hyphen-nl \
	espeak-ng pulseaudio-utils fonts-cantarell fonts-dejavu-core adwaita-icon-theme \
	libcairo2-dev libpango1.0-dev libqrencode-dev libcups2-dev libgdk-pixbuf-2.0-dev \
	libsoup-3.0-dev glib-networking tzdata \
	libsodium-dev hunspell-nl hunspell-en-us \
	libwebkitgtk-6.0-dev libwebkitgtk-6.0-4
# Only for the tests and for a demo on a machine without a screen:
TEST_PACKAGES := xvfb xauth x11-utils systemd clang-format libgnutls28-dev \
	cups-ipp-utils avahi-daemon dbus poppler-utils zbar-tools \
	clang libclang-rt-14-dev npm python3-yaml xdotool openssl

.PHONY: demo check deps build

deps:
	missing=""
	for p in $(RUN_PACKAGES) $(TEST_PACKAGES); do
	  # A Node.js from elsewhere brings its own npm; Debian's would replace it.
	  if [ "$$p" = npm ] && command -v npm >/dev/null; then continue; fi
	  dpkg-query -W -f='$${Status}\n' "$$p" 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"
	done
	if [ -n "$$missing" ]; then
	  echo "Installing:$$missing"
	  apt-get update -qq
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing
	fi

build: deps
	[ -f $(BUILD)/build.ninja ] || meson setup $(BUILD)
	ninja -C $(BUILD)

demo: build
	exec kiosk-image/demo-session.sh $(BUILD)

check: deps
	[ -f $(BUILD)/build.ninja ] || meson setup $(BUILD)
	meson configure $(BUILD) -Dwerror=true
	ninja -C $(BUILD)
	[ -f $(ASAN_BUILD)/build.ninja ] || meson setup $(ASAN_BUILD) -Db_sanitize=address,undefined -Db_lundef=false
	meson configure $(ASAN_BUILD) -Dwerror=true
	ninja -C $(ASAN_BUILD)
	# Prism validates the ZGW requests in the contract tests (tests/integration/test-zgw-contract.c).
	# It asks for Node 24; Debian 12 has 18, which loads it once three of its libraries are held
	# at their last CommonJS versions (tests/helpers/prism-package.json).
	for b in $(BUILD) $(ASAN_BUILD); do
	  if [ ! -x $$b/prism/node_modules/.bin/prism ]; then
	    mkdir -p $$b/prism
	    cp tests/helpers/prism-package.json $$b/prism/package.json
	    npm install --no-audit --no-fund --prefix $$b/prism @stoplight/prism-cli@5.16
	  fi
	done
	status=0
	meson test -C $(BUILD) --print-errorlogs --num-processes 2 | tee $(BUILD)/check.log || status=1
	meson test -C $(ASAN_BUILD) --setup asan --print-errorlogs --num-processes 2 | tee $(ASAN_BUILD)/check.log || status=1
	[ -f $(FUZZ_BUILD)/build.ninja ] || CC=clang meson setup $(FUZZ_BUILD)
	meson test -C $(FUZZ_BUILD) --suite fuzz --print-errorlogs | tee $(FUZZ_BUILD)/check.log || status=1
	tests/summarize.sh $(BUILD)/check.log $(ASAN_BUILD)/check.log $(FUZZ_BUILD)/check.log
	exit $$status
