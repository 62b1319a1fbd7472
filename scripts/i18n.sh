#!/usr/bin/env bash
# ./medcrm i18n ADDON...: export each add-on's i18n/<addon>.pot from a throwaway database and
# bring its i18n/ru.po up to date with it (msgmerge keeps existing translations). The database
# has the demo data, so that what the demo shows is translated too.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

[ $# -gt 0 ] || die "name the add-ons: ./medcrm i18n medcrm_deals"
DB="medcrm_i18n_$$"
trap 'dropdb --if-exists "$DB" 2>/dev/null; rm -rf "$HOME/.local/share/Odoo/filestore/$DB"' EXIT
addons=$(IFS=,; echo "$*")
odoo_bin -d "$DB" -i "$addons" --stop-after-init --no-http --log-level=warn ||
  die "installing $addons failed"
for addon in "$@"; do
  dir="$ROOT/$addon/i18n"
  mkdir -p "$dir"
  odoo_bin -d "$DB" --modules="$addon" --i18n-export="$dir/$addon.pot" --stop-after-init \
    --no-http --log-level=warn || die "exporting $addon's terms failed"
  if [ -f "$dir/ru.po" ]; then
    msgmerge --quiet --update --backup=none --no-fuzzy-matching "$dir/ru.po" "$dir/$addon.pot"
  else
    msginit --no-translator --locale=ru_RU.UTF-8 --input="$dir/$addon.pot" --output-file="$dir/ru.po"
  fi
  say "$addon: $(msgfmt --statistics -o /dev/null "$dir/ru.po" 2>&1)"
done
