#!/usr/bin/env bash
# Certificates delivered by email (docs/certificates.md, "Delivery"): the
# option is offered where the type's definition allows it and only to an
# account whose email address is confirmed; the certificate goes through
# the outbox (the stack's real SMTP sink) as a PDF attachment, the very
# sealed PDF of the vault; the request says when it was sent. Never to an
# unconfirmed address: refused when asked, and dropped at sending if the
# address lost its confirmation meanwhile; nor once revoked.
. "$(dirname "$0")/lib.sh"
E=$TMP/elise J=$TMP/jan
NOTIFY=$BUILD/cgi-bin/notify/guichet-notify
ELISE=85073003328 JAN=92041512329
mail_of() {	# mail_of OUTBOX_ID: the file the sink wrote for that notification
	grep -l "^Message-ID: <notification-$1@" "$DIR"/mail/*.eml 2>/dev/null | head -1
}
outbox_of() { psql_q "SELECT id FROM notification_outbox WHERE document_id = $(req_col "$1" document_id)"; }

eid_login elise /certificates "$E" >/dev/null
eid_login jan /certificates "$J" >/dev/null
# Élise has confirmed an address (the account's confirmation: profile.sh); Jan has none.
# What they had is put back at the end, for the suites after this one.
SAVED=$(psql_q "SELECT string_agg(format('UPDATE persons SET email = %L, email_verified_at = %L WHERE id = %s',
	email, email_verified_at, id), '; ') FROM persons WHERE nrn IN ('$ELISE', '$JAN')")
psql_q "UPDATE persons SET email = 'elise.cert@example.be', email_verified_at = now() WHERE nrn = '$ELISE'" >/dev/null
psql_q "UPDATE persons SET email = 'jan.cert@example.be', email_verified_at = NULL WHERE nrn = '$JAN'" >/dev/null

# --- offered where the type allows it, to a confirmed address only ---------------------------
is "$(as "$E" GET /certificates/RESIDENCE)" 200 "the residence certificate's form"
contains "$TMP/body" 'id="delivery-email" name="delivery" value="email"' "offers delivery by email"
contains "$TMP/body" "elise.cert@example.be" "to her confirmed address, shown"
is "$(as "$E" GET /certificates/BIRTH_EXTRACT)" 200 "the birth extract's form"
lacks "$TMP/body" 'value="email"' "whose definition does not allow it: not offered"
is "$(cert_request "$E" BIRTH_EXTRACT --data lang=fr --data delivery=email)" 400 "asked all the same: 400"
is "$(as "$J" GET /certificates/RESIDENCE)" 200 "Jan's form"
lacks "$TMP/body" 'value="email"' "without a confirmed address: not offered"
contains "$TMP/body" 'href="/account"' "but says where to confirm one"
n0=$(psql_q "SELECT count(*) FROM certificate_requests")
is "$(cert_request "$J" RESIDENCE --data lang=fr --data delivery=email)" 400 "Jan asks by email all the same: 400"
contains "$TMP/body" "demande une adresse email confirmée" "the form says why"
is "$(psql_q "SELECT count(*) FROM certificate_requests")" "$n0" "nothing stored"

# --- sent, attached, the vault's very PDF ------------------------------------------------------
is "$(cert_request "$E" RESIDENCE --data lang=fr --data delivery=email)" 303 "Élise asks for it by email: 303"
R1=$(cref)
is "$(req_col "$R1" "status || ' ' || delivery")" "issued email" "issued at once, to be emailed"
O1=$(outbox_of "$R1")
is "$(psql_q "SELECT kind FROM notification_outbox WHERE id = $O1")" certificate_email \
	"the outbox carries the certificate for the mail"
check "the worker sends it" wait_for 20 "SELECT sent_at IS NOT NULL FROM notification_outbox WHERE id = $O1" t
f=$(mail_of "$O1")
check "the SMTP sink received it" test -n "$f"
contains "$f" "To: elise.cert@example.be" "to her confirmed address"
contains "$f" "Content-Type: multipart/mixed" "with a file attached"
contains "$f" "filename=\"certificate-$R1.pdf\"" "named after the certificate"
contains "$f" "est joint à cet email en PDF" "the text says what is attached, in her language"
python3 - "$f" "$TMP/mailed.pdf" <<'PY'
import email, sys
m = email.message_from_binary_file(open(sys.argv[1], 'rb'))
for part in m.walk():
    if part.get_content_type() == 'application/pdf':
        open(sys.argv[2], 'wb').write(part.get_payload(decode=True))
PY
psql_q "SELECT encode(content, 'base64') FROM documents WHERE id = $(req_col "$R1" document_id)" | base64 -d >"$TMP/vault.pdf"
check "the attachment is the sealed PDF of her vault, byte for byte" cmp -s "$TMP/mailed.pdf" "$TMP/vault.pdf"
pdfsig -no-ocsp "$TMP/mailed.pdf" >"$TMP/sig" 2>&1
contains "$TMP/sig" "Signature is Valid" "pdfsig: the mailed certificate's seal is valid"
contains "$TMP/sig" "Total document signed" "over the whole file"
lacks "$f" "$ELISE" "no national number in the mail's text"
is "$(req_col "$R1" "emailed_at IS NOT NULL")" t "the request says it was sent"
as "$E" GET "/certificates/requests/$R1" >/dev/null
contains "$TMP/body" "Le certificat a été envoyé à votre adresse email le" "and her page says when"
is "$(psql_q "SELECT count(*) FROM notification_outbox WHERE kind = 'certificate_issued' AND document_id IS NULL
	AND payload->>'reference' = '$R1'")" 0 "one mail, not a second 'issued' one"

# --- never to an address no longer confirmed, nor a revoked certificate -------------------------
pid=$(cat "$DIR/run/notify.pid")
kill "$pid"
for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
is "$(cert_request "$E" LIFE --data lang=fr --data delivery=email)" 303 "a second, with the worker stopped"
R2=$(cref)
is "$(cert_request "$E" NATIONALITY --data lang=fr --data delivery=email)" 303 "a third"
R3=$(cref)
psql_q "UPDATE persons SET email_verified_at = NULL WHERE nrn = '$ELISE'" >/dev/null
setsid "$NOTIFY" --conf "$DIR/guichet.conf" --log "$DIR/log/notify.log" </dev/null >/dev/null 2>&1 &
echo $! >"$DIR/run/notify.pid"
O2=$(outbox_of "$R2")
check "her address no longer confirmed when it goes: dropped" \
	wait_for 20 "SELECT coalesce(last_error, '') FROM notification_outbox WHERE id = $O2" "no address"
is "$(psql_q "SELECT sent_at IS NULL FROM notification_outbox WHERE id = $O2")" t "not sent"
is "$(mail_of "$O2")" "" "nothing reached the sink"
is "$(req_col "$R2" "emailed_at IS NULL")" t "and the request does not say it was sent"
# a revoked certificate is not mailed
pid=$(cat "$DIR/run/notify.pid")
kill "$pid"
for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
O3=$(outbox_of "$R3")
psql_q "UPDATE notification_outbox SET dropped_at = NULL, next_attempt_at = now() WHERE id = $O3" >/dev/null
psql_q "UPDATE persons SET email_verified_at = now() WHERE nrn = '$ELISE'" >/dev/null
psql_q "SELECT document_revoke($(req_col "$R3" document_id), (SELECT a.id FROM agents a JOIN persons p ON p.id = a.person_id
	WHERE p.nrn = '78021400167'), 'issued in error')" >/dev/null
setsid "$NOTIFY" --conf "$DIR/guichet.conf" --log "$DIR/log/notify.log" </dev/null >/dev/null 2>&1 &
echo $! >"$DIR/run/notify.pid"
check "revoked before it went: dropped" \
	wait_for 20 "SELECT coalesce(last_error, '') FROM notification_outbox WHERE id = $O3" "document revoked"
is "$(mail_of "$O3")" "" "not mailed"
check "the worker logged no national number" bash -c "! grep -q '$ELISE' '$DIR/log/notify.log'"

psql_q "$SAVED" >/dev/null
done_testing
