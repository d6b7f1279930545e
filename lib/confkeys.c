/*
 * Every key of guichet.conf, once: its type, default, range and the line
 * docs/configuration.md shows (`guichet-admin conf reference` writes it).
 * Sorted by name.  A key read nowhere does not belong here, and a key
 * read anywhere must be here (test-conf greps the tree for both).
 */
#include "conf.h"

#define K	(1LL << 10)
#define M	(1LL << 20)
#define G	(1LL << 30)

/*
 * One OpenID provider's rows (docs/authentication.md, "OpenID Connect"),
 * sorted within; N is its name, the rest its defaults.
 */
#define OIDC_PROVIDER_KEYS(N, ACR_MAP, ACR_VALUES, AUTH, CLAIMS, NRN, SCOPES) \
	{ "oidc." N ".acr_map", CONF_STRING, ACR_MAP, NULL, 0, 0,	\
	    "`acr=level` words: the level (low, substantial, high) each "	\
	    "acr of " N " stands for; an acr not listed is refused" },	\
	{ "oidc." N ".acr_values", CONF_STRING, ACR_VALUES, NULL, 0, 0,	\
	    "acr values asked of " N " when no level is needed (a step-up "	\
	    "asks for those of `acr_map` that reach it)" },		\
	{ "oidc." N ".cacert", CONF_PATH, NULL, NULL, 0, 0,		\
	    "CA of " N "'s TLS certificates; unset: the system's" },	\
	{ "oidc." N ".claims", CONF_STRING, CLAIMS, NULL, 0, 0,		\
	    "claims request (JSON) sent to " N "; empty: none" },		\
	{ "oidc." N ".client_auth", CONF_STRING, AUTH, NULL, 0, 0,	\
	    "client authentication at " N "'s token endpoint: "		\
	    "`private_key_jwt` (with `oidc.keys`), `client_secret_basic` "	\
	    "or `client_secret_post`" },					\
	{ "oidc." N ".client_id", CONF_STRING, NULL, NULL, 0, 0,	\
	    "client id registered with " N },				\
	{ "oidc." N ".client_secret_file", CONF_PATH, NULL, NULL, 0, 0,	\
	    "file holding the client secret for " N " (the secret never "	\
	    "sits in guichet.conf)" },					\
	{ "oidc." N ".discovery_url", CONF_URL, NULL, NULL, 0, 0,	\
	    "discovery document of " N "; unset: the issuer's "		\
	    "`/.well-known/openid-configuration`" },			\
	{ "oidc." N ".issuer", CONF_URL, NULL, NULL, 0, 0,		\
	    "issuer of " N ", exactly as its tokens say; unset: " N	\
	    " is not offered" },						\
	{ "oidc." N ".nrn_claim", CONF_STRING, NRN, NULL, 0, 0,		\
	    "claim in which " N " gives the national number" },		\
	{ "oidc." N ".scopes", CONF_STRING, SCOPES, NULL, 0, 0,		\
	    "scopes asked of " N }

const struct conf_key	conf_keys[] = {
	{ "api.settle_seconds", CONF_INT, "5", NULL, 0, 3600,
	    "the API lists a change once it is this many seconds old, so a "
	    "cursor never runs past rows still being written" },
	{ "db.admin_conninfo", CONF_STRING, NULL, "db.conninfo", 0, 0,
	    "libpq connection string of guichet-admin, the schema's owner" },
	{ "db.conninfo", CONF_STRING, "dbname=guichet", NULL, 0, 0,
	    "libpq connection string of the citizens' programs, a member of "
	    "guichet_user (row-level security); it may list every database "
	    "node (`host=a,b,c`): the programs keep to the one that takes "
	    "writes (docs/high-availability.md)" },
	{ "db.failover_wait_ms", CONF_INT, "10000", NULL, 0, 60000,
	    "how long a request waits for a database node that takes writes "
	    "(a failover: the new primary's promotion) before answering 503; "
	    "0: at once" },
	{ "db.read_conninfo", CONF_STRING, "", NULL, 0, 0,
	    "libpq connection string of the staff's reads that may be a few "
	    "seconds old (the inbox's queues, searches, figures, payments' "
	    "day and CSV), listing the nodes (`host=a,b,c`): sent to a "
	    "standby within db.read_max_lag_ms of the primary, else to the "
	    "primary; empty: every read on the primary "
	    "(docs/high-availability.md)" },
	{ "db.read_max_lag_ms", CONF_INT, "5000", NULL, 0, 600000,
	    "how far a standby's replay may be behind the primary (its "
	    "heartbeat, written each second by guichet-notify) for reads to "
	    "be sent to it" },
	{ "db.staff_conninfo", CONF_STRING, NULL, "db.conninfo", 0, 0,
	    "libpq connection string of the inbox, the API and guichet-notify, "
	    "a member of guichet_staff" },
	{ "display.timezone", CONF_STRING, "Europe/Brussels", NULL, 0, 0,
	    "time zone of the dates on pages and of the inbox's date filters "
	    "(the API and sealed forms use UTC)" },
	{ "email.confirm_hours", CONF_INT, "24", NULL, 1, 168,
	    "hours a link confirming an email address (the profile's, a "
	    "professional one) stays valid; used once" },
	{ "fastcgi.socket_group", CONF_STRING, "", NULL, 0, 0,
	    "group given to the programs' sockets so that nginx's workers can "
	    "connect; empty: the program's own" },
	{ "fastcgi.workers", CONF_INT, "2", NULL, 1, 64,	/* WORKERS_MAX */
	    "worker processes per program (`--workers` overrides it)" },
	{ "forms.bytes_max", CONF_SIZE, "52428800", NULL, 1 * K, 4 * G,
	    "annexes of one dossier, all files together" },
	{ "forms.files_max", CONF_INT, "20", NULL, 1, 1000,
	    "annexes of one dossier, in files" },
	{ "forms.pdf_max", CONF_SIZE, "5242880", NULL, 1 * K, 1 * G,
	    "one annex (a PDF); below `limits.file_max`, so a bigger file gets "
	    "a message and keeps the page" },
	{ "help.cache_seconds", CONF_INT, "30", NULL, 0, 86400,
	    "seconds a help centre worker keeps the articles it read" },
	{ "helpdesk.department", CONF_STRING, "HELPDESK", NULL, 0, 0,
	    "code of the department whose agents answer the help desk's "
	    "questions in the inbox (readers read, processors and managers "
	    "answer)" },
	{ "kiosk.eid_url", CONF_URL, NULL, "login.eid_url", 0, 0,
	    "the eID login on the kiosk's own eID host (TLS sessions never "
	    "resumed there; docs/kiosk.md)" },
	{ "kiosk.idle_seconds", CONF_INT, "180", NULL, 30, 3600,
	    "seconds without a request after which a session opened at a "
	    "kiosk ends, on the server and on the terminal's screen" },
	{ "kiosk.url", CONF_URL, NULL, "site.url", 0, 0,
	    "the kiosks' own address (the server block that sets "
	    "`GUICHET_KIOSK`): their redirects, and the origin their POSTs "
	    "must come from" },
	{ "kiosk.warning_seconds", CONF_INT, "60", NULL, 20, 600,
	    "seconds before the end of a kiosk session that the terminal "
	    "asks whether the user is still there (at most half of "
	    "`kiosk.idle_seconds`)" },
	{ "legal.accessibility_email", CONF_EMAIL, NULL, "legal.email", 0, 0,
	    "where the accessibility statement asks people to report what "
	    "they cannot reach" },
	{ "legal.accessibility_reviewed", CONF_STRING, "2026-01-15", NULL, 0,
	    0, "date (YYYY-MM-DD) of the assessment the accessibility "
	    "statement reports" },
	{ "legal.address", CONF_STRING, "", NULL, 0, 0,
	    "postal address of the publisher, on the legal notice and the "
	    "privacy statement" },
	{ "legal.bce", CONF_STRING, "", NULL, 0, 0,
	    "enterprise number (BCE/KBO) of the publisher, on the legal "
	    "notice" },
	{ "legal.dpo_email", CONF_EMAIL, NULL, "legal.email", 0, 0,
	    "address of the data-protection officer, on the privacy "
	    "statement" },
	{ "legal.dpo_name", CONF_STRING, "", NULL, 0, 0,
	    "name (or office) of the data-protection officer" },
	{ "legal.email", CONF_EMAIL, "guichet@localhost", NULL, 0, 0,
	    "the publisher's contact address, on the legal notice" },
	{ "legal.hosting", CONF_STRING, "", NULL, 0, 0,
	    "who hosts the site (name and address), on the legal notice" },
	{ "legal.ombudsman_url", CONF_URL, "https://www.federaalombudsman.be",
	    NULL, 0, 0, "the ombudsman the accessibility statement names "
	    "for a complaint left unanswered" },
	{ "legal.publisher", CONF_STRING, "", NULL, 0, 0,
	    "the administration publishing the site, controller of the data "
	    "it processes (legal notice, privacy statement)" },
	{ "legal.retention_dossier_years", CONF_INT, "10", NULL, 1, 100,
	    "years the privacy statement says dossiers are kept after "
	    "closing (the departments' archival rules apply them)" },
	{ "legal.retention_helpdesk_months", CONF_INT, "24", NULL, 1, 1200,
	    "months the privacy statement says questions to the help desk "
	    "are kept after their answer" },
	{ "legal.retention_log_days", CONF_INT, "90", NULL, 1, 3650,
	    "days the privacy statement says technical logs (addresses, "
	    "browsers) are kept" },
	{ "limits.field_max", CONF_SIZE, "65536", NULL, 1 * K, 16 * M,
	    "one plain field of a multipart form" },
	{ "limits.file_max", CONF_SIZE, "10485760", NULL, 1 * K, 1 * G,
	    "one file of a multipart form" },
	{ "limits.form_max", CONF_SIZE, "1048576", NULL, 1 * K, 64 * M,
	    "a urlencoded body, read whole into memory" },
	{ "limits.parts_max", CONF_INT, "200", NULL, 1, 10000,
	    "parts of one multipart form" },
	{ "limits.upload_max", CONF_SIZE, "26214400", NULL, 1 * K, 4 * G,
	    "a whole multipart body, read in chunks" },
	{ "login.eid_url", CONF_URL, "https://localhost/login/eid", NULL, 0, 0,
	    "the eID login on the host where nginx asks for the card; the "
	    "login page links there" },
	{ "notify.attempts_max", CONF_INT, "50", NULL, 1, 1000,
	    "tries of a notification or webhook before giving up" },
	{ "notify.backoff_max", CONF_INT, "3600", NULL, 1, 7 * 86400,
	    "longest wait, in seconds, before another try" },
	{ "notify.backoff_min", CONF_INT, "10", NULL, 1, 86400,
	    "first wait, in seconds, before another try (doubled at every "
	    "failure up to `notify.backoff_max`)" },
	{ "notify.batch", CONF_INT, "100", NULL, 1, 10000,
	    "notifications a worker claims at once" },
	{ "notify.lease_seconds", CONF_INT, "300", NULL, 10, 86400,
	    "how long a claim lasts before another worker may take the rows" },
	{ "notify.poll_ms", CONF_INT, "500", NULL, 10, 60000,
	    "pause, in milliseconds, when nothing is due" },
	{ "oidc.cache_seconds", CONF_INT, "3600", NULL, 60, 86400,
	    "seconds a worker keeps a provider's discovery document and key "
	    "set (an unknown key fetches the set again at once)" },
	{ "oidc.clock_skew", CONF_INT, "60", NULL, 0, 600,
	    "seconds of clock difference allowed with the OpenID providers" },
	OIDC_PROVIDER_KEYS("fas",
	    "urn:be:fedict:iam:fas:Level500=high "
	    "urn:be:fedict:iam:fas:Level450=high "
	    "urn:be:fedict:iam:fas:Level400=substantial "
	    "urn:be:fedict:iam:fas:Level300=low "
	    "urn:be:fedict:iam:fas:Level200=low "
	    "urn:be:fedict:iam:fas:Level100=low",
	    "urn:be:fedict:iam:fas:Level500 urn:be:fedict:iam:fas:Level450 "
	    "urn:be:fedict:iam:fas:Level400 urn:be:fedict:iam:fas:Level200",
	    "client_secret_basic", "", "egovNRN",
	    "openid profile egovnrn"),
	OIDC_PROVIDER_KEYS("itsme",
	    "http://itsme.services/V2/claim/acr_advanced=high "
	    "http://itsme.services/V2/claim/acr_basic=substantial",
	    "http://itsme.services/V2/claim/acr_basic",
	    "private_key_jwt",
	    "{\"userinfo\":{\"http://itsme.services/v2/claim/BENationalNumber\""
	    ":null}}",
	    "http://itsme.services/v2/claim/BENationalNumber",
	    "openid profile"),
	{ "oidc.keys", CONF_PATH, NULL, NULL, 0, 0,
	    "our private key set (JWKS): signs `private_key_jwt` assertions, "
	    "opens encrypted tokens; its public half is served at "
	    "`/login/oidc/jwks`" },
	{ "oidc.timeout_ms", CONF_INT, "5000", NULL, 100, 60000,
	    "limit of one request to an OpenID provider, in milliseconds" },
	{ "payments.cacert", CONF_PATH, NULL, NULL, 0, 0,
	    "CA of the payment provider's TLS certificate; unset: the "
	    "system's" },
	{ "payments.expiry_minutes", CONF_INT, "90", NULL, 5, 1440,
	    "minutes after which a payment nobody finished is cancelled at "
	    "the provider and its draft unlocked" },
	{ "payments.key_file", CONF_PATH, NULL, NULL, 0, 0,
	    "file holding the payment provider's API key (the key never sits "
	    "in guichet.conf)" },
	{ "payments.provider", CONF_STRING, NULL, NULL, 0, 0,
	    "the payment provider's adapter (docs/payments.md): `govuk` or "
	    "`stripe`; unset: no online payment" },
	{ "payments.reconcile_days", CONF_INT, "7", NULL, 1, 366,
	    "days back the daily reconciliation with the provider catches up "
	    "when it was missed (docs/payments.md)" },
	{ "payments.timeout_ms", CONF_INT, "10000", NULL, 100, 60000,
	    "limit of one request to the payment provider, in milliseconds" },
	{ "payments.url", CONF_URL, NULL, NULL, 0, 0,
	    "base address of the payment provider's API" },
	{ "payments.webhook_secret_file", CONF_PATH, NULL, NULL, 0, 0,
	    "file holding the secret the provider signs its webhooks with" },
	{ "receipt.font", CONF_PATH,
	    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", NULL, 0, 0,
	    "TrueType font of the PDF receipts and letters (every Latin "
	    "name)" },
	{ "registers.cacert", CONF_PATH, NULL, NULL, 0, 0,
	    "CA that signs the registers gateway's certificate; unset: the "
	    "system's" },
	{ "registers.cert", CONF_PATH, NULL, NULL, 0, 0,
	    "client certificate for the registers gateway, when it asks for "
	    "one" },
	{ "registers.key", CONF_PATH, NULL, NULL, 0, 0,
	    "key of `registers.cert`" },
	{ "registers.timeout_ms", CONF_INT, "3000", NULL, 100, 60000,
	    "limit of a whole request to the registers, in milliseconds" },
	{ "registers.url", CONF_URL, NULL, NULL, 0, 0,
	    "base address of the gateway to the national and company "
	    "registers; unset: users type the data" },
	{ "seal.cert", CONF_PATH, NULL, NULL, 0, 0,
	    "certificate of the platform's seal over submitted dossiers; "
	    "unset: nothing can be submitted" },
	{ "seal.chain", CONF_PATH, NULL, NULL, 0, 0,
	    "PEM certificates above `seal.cert` up to its root, embedded in "
	    "the PDFs' PAdES signatures; unset: the seal's certificate alone" },
	{ "seal.key", CONF_PATH, NULL, NULL, 0, 0,
	    "EC or RSA key of `seal.cert`" },
	{ "secret.file", CONF_PATH, "/etc/guichet/secret", NULL, 0, 0,
	    "64 random bytes shared by the programs and the nginx module "
	    "(mode 0640)" },
	{ "site.url", CONF_URL, "https://localhost", NULL, 0, 0,
	    "the site's own address, for redirects from the eID login and "
	    "links in mail; a browser's POST must come from its origin "
	    "(scheme, host and port)" },
	{ "smtp.from", CONF_EMAIL, "guichet@localhost", NULL, 0, 0,
	    "sender of login codes and notifications" },
	{ "smtp.starttls", CONF_BOOL, "no", NULL, 0, 0,
	    "require TLS (STARTTLS) with the mail server" },
	{ "smtp.timeout", CONF_INT, "10", NULL, 1, 300,
	    "limit of sending one message, in seconds" },
	{ "smtp.url", CONF_URL, "smtp://127.0.0.1:25", NULL, 0, 0,
	    "mail server (`smtp://` or `smtps://`)" },
	{ "sql.dir", CONF_PATH, "/usr/share/guichet/sql", NULL, 0, 0,
	    "migrations `guichet-admin migrate` applies when given no "
	    "directory" },
	{ "templates.dir", CONF_PATH, "/usr/share/guichet/templates", NULL,
	    0, 0, "templates, language files and the stylesheet" },
	{ "tsa.cacert", CONF_PATH, NULL, NULL, 0, 0,
	    "CA certificates a time-stamping authority's tokens must chain to; "
	    "unset: the system's" },
	{ "tsa.timeout_ms", CONF_INT, "3000", NULL, 100, 60000,
	    "limit of one request to the time-stamping authority, in "
	    "milliseconds; past it, or on any failure, a PDF is sealed "
	    "without a timestamp (PAdES B-B) and the authority is left alone "
	    "for 30 seconds" },
	{ "tsa.url", CONF_URL, NULL, NULL, 0, 0,
	    "RFC 3161 time-stamping authority of the PDFs' seals (PAdES B-T); "
	    "unset: sealed PDFs carry no timestamp (B-B)" },
	{ "webhooks.allow", CONF_HOSTPORTS, "", NULL, 0, 0,
	    "`host:port` pairs a webhook may reach although they are not "
	    "public addresses" },
	{ "webhooks.timeout", CONF_INT, "10", NULL, 1, 300,
	    "limit of one webhook delivery, in seconds" },
};

const size_t	conf_nkeys = nitems(conf_keys);
