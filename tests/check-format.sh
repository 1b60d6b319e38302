#!/usr/bin/env bash
# Every C file follows .clang-format; run `clang-format -i FILE` to mend one.
set -eu
cd "$1"
status=0
while IFS= read -r file; do
  if ! clang-format --dry-run -Werror "$file" 2>/dev/null; then
    echo "not formatted: $file"
    status=1
  fi
done < <(find src tests -name '*.[ch]' | sort)
exit $status
