#!/usr/bin/env bash
# docs/porting.md followed literally, so the guide cannot drift: every
# command block marked <!-- test --> runs in order against the test stack,
# in a scratch copy of the checkout (the tree through links, a
# conf/procedures of its own for what the guide writes), each line of a
# block marked <!-- output --> must be in what the block before it
# printed; then what the guide tells a person to do in a browser is done
# through HTTP, and the files and lib/ functions it names must exist.
. "$(dirname "$0")/lib.sh"
make_pdfs
GUIDE=$SRC/docs/porting.md
YEAR=$(date -u +%Y)
E=$TMP/elise J=$TMP/jan A=$TMP/agathe

# --- the guide's blocks ------------------------------------------------------------------
python3 - "$GUIDE" "$TMP/steps" <<'PY'
import os, re, sys
lines = open(sys.argv[1], encoding='utf-8').read().split('\n')
out = sys.argv[2]
os.makedirs(out)
n, mark, i = 0, None, 0
while i < len(lines):
    if lines[i].strip() in ('<!-- test -->', '<!-- output -->'):
        mark = lines[i].strip()
    elif lines[i].startswith('```') and mark is not None:
        j = i + 1
        while not lines[j].startswith('```'):
            j += 1
        body = '\n'.join(lines[i + 1:j]) + '\n'
        if mark == '<!-- test -->':
            n += 1
            open('%s/%02d.sh' % (out, n), 'w', encoding='utf-8').write(body)
        else:
            open('%s/%02d.out' % (out, n), 'w', encoding='utf-8').write(body)
        mark, i = None, j
    i += 1
PY
W=$TMP/checkout
mkdir -p "$W/conf/procedures"
for f in "$SRC"/*; do [ "${f##*/}" = conf ] || ln -s "$f" "$W/"; done
for f in "$SRC"/conf/*; do [ "${f##*/}" = procedures ] || ln -s "$f" "$W/conf/"; done
for f in "$SRC"/conf/procedures/*.json; do ln -s "$f" "$W/conf/procedures/"; done
steps=$(ls "$TMP"/steps/*.sh | wc -l)
check "the guide has its steps ($steps)" test "$steps" -ge 6
for step in "$TMP"/steps/*.sh; do
	name="guide step ${step##*/}: $(grep -v '^\(mkdir\|#\)' "$step" | head -1 | cut -c1-60)"
	if (cd "$W" && GUICHET_CONF=$DIR/guichet.conf SITE=$BASE CA=$DIR/pki/ca.crt \
		PATH=$BUILD/cgi-bin/guichet-admin:$PATH bash -e -o pipefail "$step") >"${step%.sh}.got" 2>&1; then
		ok 0 "$name"
	else
		ok 1 "$name"
		sed 's/^/#   /' "${step%.sh}.got" | head -10
		break
	fi
	[ -f "${step%.sh}.out" ] || continue
	while IFS= read -r want; do
		[ -n "$want" ] && contains "${step%.sh}.got" "$want" "  it prints '$want'"
	done <"${step%.sh}.out"
done
check "what the guide writes stays out of the checkout" test ! -e "$SRC/conf/procedures/PARKINGCARD.json"

# --- path 1, "try it as a citizen would" -----------------------------------------------------
eid_login elise /procedures/PARKINGCARD "$E" >/dev/null
ID=$(form_start "$E" PARKINGCARD)
check "Start opens a draft of the new procedure" test -n "$ID"
is "$(form_page "$E" "$ID" vehicle --form-string 'plate=' -F "registration=@$TMP/fake.pdf")" 400 \
	"a missing plate and a file that is not a PDF: the page says what is wrong"
contains "$TMP/body" "Ce fichier n&#39;est pas un document PDF" "in the user's language"
is "$(form_page "$E" "$ID" vehicle --form-string 'plate=1-ABC-123' --form-string 'email=elise@example.be' \
	-F "registration=@$TMP/ok.pdf")" 303 "answered: Continue"
is "$(location)" "/forms/$ID/summary" "to the summary"
is "$(form_submit "$E" "$ID")" 303 "Send"
is "$(location)" "/forms/$ID/receipt" "to the receipt"
REF=$(dossier "$ID" reference)
check "the reference is YEAR-PARKINGCARD-NNNNNN ($REF)" bash -c "[[ '$REF' =~ ^$YEAR-PARKINGCARD-[0-9]{6}$ ]]"
as "$E" GET /dossiers >/dev/null
contains "$TMP/body" "$REF" "in Mes dossiers"
eid_login agathe /inbox "$A" >/dev/null
as "$A" GET "/inbox?queue=all&procedure=PARKINGCARD" >/dev/null
contains "$TMP/body" "$REF" "in the mobility department's inbox"

# --- path 2, "check the hand-over" -------------------------------------------------------------
eid_login jan /procedures/HEATPUMP "$J" >/dev/null
HID=$(program_start "$J" HEATPUMP)
is "$(location)" "/heat-pump/$HID/household" "Start leads to /heat-pump/<id>/household"
is "$(as "$J" GET "/heat-pump/$HID")" 200 "the overview"

# --- what the guide names exists ------------------------------------------------------------------
# the example's files (the table of path 2), globs included
sed -n '/^| file | what |/,/^$/p' "$GUIDE" | cut -d'|' -f2 | grep -o '`[^`]*`' | tr -d '`' |
while read -r path; do
	case $path in */*) ;; *) continue ;; esac
	(cd "$SRC" && compgen -G "$path" >/dev/null) && ok 0 "the guide's file $path exists" ||
		ok 1 "the guide's file $path exists"
done >"$TMP/files.tap"
cat "$TMP/files.tap"
T_N=$((T_N + $(grep -c '^ok\|^not ok' "$TMP/files.tap")))
T_FAILED=$((T_FAILED + $(grep -c '^not ok' "$TMP/files.tap")))
# the lib/ functions of the table "to | call (lib/)"
for fn in $(sed -n '/^| to | call (lib\/) |/,/^$/p' "$GUIDE" | cut -d'|' -f3 | grep -o '`[a-z_]*`' | tr -d '`'); do
	check "the guide's lib/ function $fn is declared" grep -qw "$fn" "$SRC"/lib/*.h
done

done_testing
