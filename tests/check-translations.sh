#!/usr/bin/env bash
# locales/nl.po is always complete: every string a person can see in the
# sources has a Dutch translation that is not fuzzy, and every source file
# that marks strings is listed in POTFILES.in.
set -eu
src=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

for file in $(cd "$src" && grep -rlE '(\b_|N_|C_|g_dngettext|ngettext)\s*\(|translatable="yes"' src ui --include='*.c' --include='*.ui' | sort); do
  if ! grep -qx "$file" "$src/locales/POTFILES.in"; then
    echo "marks strings but is not in locales/POTFILES.in: $file"
    status=1
  fi
done

(cd "$src" && xgettext --files-from=locales/POTFILES.in --from-code=UTF-8 \
   --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 \
   --add-comments=TRANSLATORS --force-po -o "$tmp/kernpunt.pot")
msgmerge --quiet --force-po --no-fuzzy-matching "$src/locales/nl.po" "$tmp/kernpunt.pot" -o "$tmp/nl.po"
stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$tmp/nl.po" 2>&1)
echo "nl: $stats"
if grep -qE 'untranslated|fuzzy' <<<"$stats"; then
  echo "locales/nl.po is not complete: run 'ninja -C build kernpunt-update-po' and translate what is missing"
  msgattrib --untranslated --only-fuzzy "$tmp/nl.po" 2>/dev/null | grep '^msgid' | head -20 || true
  msgattrib --untranslated "$tmp/nl.po" | grep '^msgid' | head -40 || true
  status=1
fi
exit $status
