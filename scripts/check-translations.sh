#!/usr/bin/env bash
# Every user-visible string of the studio is translated: runs lupdate over ui/ and app/studio on
# copies of translations/*.ts and fails, listing them, when a source text has no finished German
# or Chinese translation (a new tr() string nobody translated) or an entry is obsolete.
# ctest runs it as ui_translations_complete; usage: bash scripts/check-translations.sh [LUPDATE]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
lupdate="${1:-/usr/lib/qt6/bin/lupdate}"
[ -x "$lupdate" ] || { echo "check-translations: lupdate not found at $lupdate (Debian package qt6-l10n-tools)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for ts in "$root"/translations/llavolta_*.ts; do
  copy="$work/$(basename "$ts")"
  cp "$ts" "$copy"
  (cd "$root" && "$lupdate" -I . ui app/studio -ts "$copy" >/dev/null 2>&1)
  python3 - "$copy" "$(basename "$ts")" <<'PY' || status=1
import sys, xml.etree.ElementTree as ET
path, name = sys.argv[1], sys.argv[2]
bad = []
for ctx in ET.parse(path).getroot().iter("context"):
    for m in ctx.iter("message"):
        kind = m.find("translation").get("type")
        if kind in ("unfinished", "vanished", "obsolete"):
            bad.append((kind, ctx.find("name").text, m.find("source").text))
for kind, ctx, src in bad:
    print(f"{name}: {kind}: [{ctx}] {src!r}", file=sys.stderr)
if bad:
    print(f"{name}: {len(bad)} entries need work: run /usr/lib/qt6/bin/lupdate -no-obsolete -I . ui app/studio "
          f"-ts translations/{name} and translate them", file=sys.stderr)
    sys.exit(1)
print(f"{name}: complete")
PY
done
exit $status
