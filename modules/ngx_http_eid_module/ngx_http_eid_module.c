
/*
 * Belgian eID authentication at the edge.
 *
 * "eid on": after nginx's own chain and OCSP checks, accept only an eID
 * authentication certificate (issuer on the allow-list, an authentication
 * policy, digitalSignature without nonRepudiation, in its validity period,
 * a subject serialNumber that is a national register number) and expose
 * the identity in variables for fastcgi_param.  A refused card's reason,
 * nginx's or the module's, is $eid_refusal, for the page that explains it.
 *
 * "eid_session on": accept only a request with a session cookie signed by
 * the login program (HMAC-SHA256 over id and expiry, with a secret file
 * shared with the programs); a browser without one goes to the login page.
 */


#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/core_names.h>
#include <openssl/hmac.h>
#include <openssl/x509v3.h>


#if (OPENSSL_VERSION_NUMBER < 0x30000000L)
#error "the eID module needs OpenSSL 3 (EVP_MAC, SSL_get1_peer_certificate)"
#endif


#define NGX_HTTP_EID_SECRET_MAX  256
#define NGX_HTTP_EID_ID_LEN      64     /* hex of a 256-bit id */
#define NGX_HTTP_EID_MAC_LEN     64     /* hex of HMAC-SHA256 */
#define NGX_HTTP_EID_COOKIE_MAX  160
#define NGX_HTTP_EID_CACHE_SIZE  1024   /* entries per worker, a power of 2 */


typedef struct {
    ngx_flag_t                 enable;
    ngx_array_t               *issuers;     /* of ngx_str_t, RFC 2253 */
    ngx_array_t               *policies;    /* of ngx_str_t, dotted OIDs */
    ngx_flag_t                 session;
    ngx_str_t                  secret;
    EVP_MAC_CTX               *mac;         /* HMAC-SHA256 keyed once */
    ngx_str_t                  cookie;
    ngx_str_t                  login;
} ngx_http_eid_loc_conf_t;


/* why a card is refused: $eid_refusal, and the error log's words */

typedef enum {
    NGX_HTTP_EID_ACCEPTED = 0,
    NGX_HTTP_EID_NO_CERTIFICATE,
    NGX_HTTP_EID_NOT_VERIFIED,
    NGX_HTTP_EID_UNKNOWN_ISSUER,
    NGX_HTTP_EID_ISSUER_NOT_ALLOWED,
    NGX_HTTP_EID_NO_AUTH_POLICY,
    NGX_HTTP_EID_SIGNATURE_CERTIFICATE,
    NGX_HTTP_EID_KEY_USAGE,
    NGX_HTTP_EID_EXPIRED,
    NGX_HTTP_EID_NOT_YET_VALID,
    NGX_HTTP_EID_REVOKED,
    NGX_HTTP_EID_REVOCATION_UNKNOWN,
    NGX_HTTP_EID_INVALID_NUMBER,
    NGX_HTTP_EID_NO_NAMES,
    NGX_HTTP_EID_INTERNAL
} ngx_http_eid_refusal_e;


typedef struct {
    ngx_str_t                  code;        /* the value of $eid_refusal */
    char                      *text;        /* for the error log */
    ngx_uint_t                 level;       /* what the operator must see */
} ngx_http_eid_refusal_t;


typedef struct {
    unsigned                   cert_done:1;
    unsigned                   session_done:1;
    ngx_http_eid_refusal_e     refusal;
    ngx_str_t                  nrn;
    ngx_str_t                  given_names;
    ngx_str_t                  surname;
    ngx_str_t                  fingerprint;
    ngx_str_t                  issuer;
    ngx_str_t                  policy;      /* the card's first policy */
    ngx_str_t                  assurance;
    ngx_str_t                  session_id;
    time_t                     session_expires;
} ngx_http_eid_ctx_t;


/*
 * Cookies this worker has verified, direct-mapped by their random id:
 * a browser sends the same cookie with every request of a session, and
 * only a cookie that once passed the HMAC check is kept.
 */
typedef struct {
    EVP_MAC_CTX               *mac;         /* which secret verified it */
    time_t                     expires;
    size_t                     len;
    u_char                     cookie[NGX_HTTP_EID_COOKIE_MAX];
} ngx_http_eid_cache_t;


typedef enum {
    NGX_HTTP_EID_VAR_NRN = 0,
    NGX_HTTP_EID_VAR_GIVEN_NAMES,
    NGX_HTTP_EID_VAR_SURNAME,
    NGX_HTTP_EID_VAR_FINGERPRINT,
    NGX_HTTP_EID_VAR_ISSUER,
    NGX_HTTP_EID_VAR_ASSURANCE,
    NGX_HTTP_EID_VAR_REFUSAL,
    NGX_HTTP_EID_VAR_SESSION_ID,
    NGX_HTTP_EID_VAR_SESSION_EXPIRES
} ngx_http_eid_var_e;


static ngx_int_t ngx_http_eid_handler(ngx_http_request_t *r);
static ngx_http_eid_ctx_t *ngx_http_eid_get_ctx(ngx_http_request_t *r);
static void ngx_http_eid_check_cert(ngx_http_request_t *r,
    ngx_http_eid_ctx_t *ctx, ngx_http_eid_loc_conf_t *elcf);
static ngx_http_eid_refusal_e ngx_http_eid_check_chain(ngx_http_request_t *r,
    ngx_http_eid_ctx_t *ctx, X509 *cert);
static ngx_http_eid_refusal_e ngx_http_eid_check_card(ngx_http_request_t *r,
    ngx_http_eid_ctx_t *ctx, ngx_http_eid_loc_conf_t *elcf, X509 *cert);
static void ngx_http_eid_log_refusal(ngx_http_request_t *r,
    ngx_http_eid_ctx_t *ctx);
static void ngx_http_eid_check_session(ngx_http_request_t *r,
    ngx_http_eid_ctx_t *ctx, ngx_http_eid_loc_conf_t *elcf);
static ngx_int_t ngx_http_eid_redirect_login(ngx_http_request_t *r,
    ngx_http_eid_loc_conf_t *elcf);
static ngx_int_t ngx_http_eid_name_entry(ngx_http_request_t *r,
    X509_NAME *name, int nid, ngx_str_t *out);
static ngx_uint_t ngx_http_eid_valid_nrn(ngx_str_t *s);
static ngx_uint_t ngx_http_eid_has_policy(ngx_http_request_t *r,
    ngx_http_eid_ctx_t *ctx, X509 *cert, ngx_http_eid_loc_conf_t *elcf);
static ngx_int_t ngx_http_eid_variable(ngx_http_request_t *r,
    ngx_http_variable_value_t *v, uintptr_t data);
static ngx_int_t ngx_http_eid_add_variables(ngx_conf_t *cf);
static void *ngx_http_eid_create_loc_conf(ngx_conf_t *cf);
static char *ngx_http_eid_merge_loc_conf(ngx_conf_t *cf, void *parent,
    void *child);
static char *ngx_http_eid_secret(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf);
static ngx_int_t ngx_http_eid_mac_init(ngx_conf_t *cf,
    ngx_http_eid_loc_conf_t *elcf);
static ngx_int_t ngx_http_eid_init(ngx_conf_t *cf);


static ngx_command_t  ngx_http_eid_commands[] = {

    { ngx_string("eid"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_FLAG,
      ngx_conf_set_flag_slot,
      NGX_HTTP_LOC_CONF_OFFSET,
      offsetof(ngx_http_eid_loc_conf_t, enable),
      NULL },

    { ngx_string("eid_issuer"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_TAKE1,
      ngx_conf_set_str_array_slot,
      NGX_HTTP_LOC_CONF_OFFSET,
      offsetof(ngx_http_eid_loc_conf_t, issuers),
      NULL },

    { ngx_string("eid_policy"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_TAKE1,
      ngx_conf_set_str_array_slot,
      NGX_HTTP_LOC_CONF_OFFSET,
      offsetof(ngx_http_eid_loc_conf_t, policies),
      NULL },

    { ngx_string("eid_session"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_FLAG,
      ngx_conf_set_flag_slot,
      NGX_HTTP_LOC_CONF_OFFSET,
      offsetof(ngx_http_eid_loc_conf_t, session),
      NULL },

    { ngx_string("eid_session_secret"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_TAKE1,
      ngx_http_eid_secret,
      NGX_HTTP_LOC_CONF_OFFSET,
      0,
      NULL },

    { ngx_string("eid_session_cookie"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_TAKE1,
      ngx_conf_set_str_slot,
      NGX_HTTP_LOC_CONF_OFFSET,
      offsetof(ngx_http_eid_loc_conf_t, cookie),
      NULL },

    { ngx_string("eid_login_url"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_TAKE1,
      ngx_conf_set_str_slot,
      NGX_HTTP_LOC_CONF_OFFSET,
      offsetof(ngx_http_eid_loc_conf_t, login),
      NULL },

      ngx_null_command
};


static ngx_http_eid_cache_t  *ngx_http_eid_cache;


static ngx_http_module_t  ngx_http_eid_module_ctx = {
    ngx_http_eid_add_variables,            /* preconfiguration */
    ngx_http_eid_init,                     /* postconfiguration */

    NULL,                                  /* create main configuration */
    NULL,                                  /* init main configuration */

    NULL,                                  /* create server configuration */
    NULL,                                  /* merge server configuration */

    ngx_http_eid_create_loc_conf,          /* create location configuration */
    ngx_http_eid_merge_loc_conf            /* merge location configuration */
};


ngx_module_t  ngx_http_eid_module = {
    NGX_MODULE_V1,
    &ngx_http_eid_module_ctx,              /* module context */
    ngx_http_eid_commands,                 /* module directives */
    NGX_HTTP_MODULE,                       /* module type */
    NULL,                                  /* init master */
    NULL,                                  /* init module */
    NULL,                                  /* init process */
    NULL,                                  /* init thread */
    NULL,                                  /* exit thread */
    NULL,                                  /* exit process */
    NULL,                                  /* exit master */
    NGX_MODULE_V1_PADDING
};


/* names a client header can never produce: headers become $http_* */

static ngx_http_variable_t  ngx_http_eid_vars[] = {

    { ngx_string("eid_nrn"), NULL, ngx_http_eid_variable,
      NGX_HTTP_EID_VAR_NRN, NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("eid_given_names"), NULL, ngx_http_eid_variable,
      NGX_HTTP_EID_VAR_GIVEN_NAMES, NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("eid_surname"), NULL, ngx_http_eid_variable,
      NGX_HTTP_EID_VAR_SURNAME, NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("eid_fingerprint"), NULL, ngx_http_eid_variable,
      NGX_HTTP_EID_VAR_FINGERPRINT, NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("eid_issuer"), NULL, ngx_http_eid_variable,
      NGX_HTTP_EID_VAR_ISSUER, NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("eid_assurance"), NULL, ngx_http_eid_variable,
      NGX_HTTP_EID_VAR_ASSURANCE, NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("eid_refusal"), NULL, ngx_http_eid_variable,
      NGX_HTTP_EID_VAR_REFUSAL, NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("eid_session_id"), NULL, ngx_http_eid_variable,
      NGX_HTTP_EID_VAR_SESSION_ID, NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("eid_session_expires"), NULL, ngx_http_eid_variable,
      NGX_HTTP_EID_VAR_SESSION_EXPIRES, NGX_HTTP_VAR_NOCACHEABLE, 0 },

      ngx_http_null_variable
};


/*
 * Indexed by ngx_http_eid_refusal_e.  What the operator must act on (an
 * issuer or a policy missing from the configuration, which refuses every
 * card of its kind) is an error, kept by Debian's default error log; what
 * the card holder did or has is a notice: the login program's audit trail
 * keeps each refusal with its code.
 */

static ngx_http_eid_refusal_t  ngx_http_eid_refusals[] = {
    { ngx_null_string, "", 0 },
    { ngx_string("no_certificate"), "no client certificate",
      NGX_LOG_NOTICE },
    { ngx_string("not_verified"), "certificate not verified",
      NGX_LOG_NOTICE },
    { ngx_string("unknown_issuer"), "no chain to a trusted CA",
      NGX_LOG_NOTICE },
    { ngx_string("issuer_not_allowed"), "issuer not on the allow-list",
      NGX_LOG_ERR },
    { ngx_string("no_auth_policy"), "no eID authentication policy",
      NGX_LOG_ERR },
    { ngx_string("signature_certificate"),
      "a signature certificate, not an authentication one", NGX_LOG_NOTICE },
    { ngx_string("key_usage"), "not an authentication key usage",
      NGX_LOG_NOTICE },
    { ngx_string("expired"), "certificate expired", NGX_LOG_NOTICE },
    { ngx_string("not_yet_valid"), "certificate not yet valid",
      NGX_LOG_NOTICE },
    { ngx_string("revoked"), "certificate revoked", NGX_LOG_NOTICE },
    { ngx_string("revocation_unknown"), "revocation status unknown",
      NGX_LOG_NOTICE },
    { ngx_string("invalid_number"),
      "serialNumber is not a national register number", NGX_LOG_NOTICE },
    { ngx_string("no_names"), "no names in the subject", NGX_LOG_NOTICE },
    { ngx_string("internal"), "internal error", NGX_LOG_ERR }
};


static ngx_int_t
ngx_http_eid_handler(ngx_http_request_t *r)
{
    ngx_http_eid_ctx_t       *ctx;
    ngx_http_eid_loc_conf_t  *elcf;

    elcf = ngx_http_get_module_loc_conf(r, ngx_http_eid_module);

    if (!elcf->enable && !elcf->session) {
        return NGX_DECLINED;
    }

    ctx = ngx_http_eid_get_ctx(r);
    if (ctx == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    if (elcf->enable) {
        ngx_http_eid_check_cert(r, ctx, elcf);

        if (ctx->refusal != NGX_HTTP_EID_ACCEPTED) {
            ngx_http_eid_log_refusal(r, ctx);
            return NGX_HTTP_FORBIDDEN;
        }
    }

    if (elcf->session) {
        ngx_http_eid_check_session(r, ctx, elcf);

        if (ctx->session_id.len == 0) {
            return ngx_http_eid_redirect_login(r, elcf);
        }
    }

    return NGX_DECLINED;
}


static ngx_http_eid_ctx_t *
ngx_http_eid_get_ctx(ngx_http_request_t *r)
{
    ngx_http_eid_ctx_t  *ctx;

    ctx = ngx_http_get_module_ctx(r, ngx_http_eid_module);

    if (ctx == NULL) {
        ctx = ngx_pcalloc(r->pool, sizeof(ngx_http_eid_ctx_t));
        if (ctx == NULL) {
            return NULL;
        }

        ngx_http_set_ctx(r, ctx, ngx_http_eid_module);
    }

    return ctx;
}


/*
 * The card of the connection, judged once per request: first nginx's own
 * verdict (the chain and the OCSP status), which a page reached through
 * error_page after nginx refused the card reads here too; then, where
 * eid_issuer and eid_policy are set, what makes it an eID authentication
 * certificate.
 */

static void
ngx_http_eid_check_cert(ngx_http_request_t *r, ngx_http_eid_ctx_t *ctx,
    ngx_http_eid_loc_conf_t *elcf)
{
#if (NGX_HTTP_SSL)
    X509              *cert;
    ngx_connection_t  *c;
#endif

    if (ctx->cert_done) {
        return;
    }

    ctx->cert_done = 1;

#if (NGX_HTTP_SSL)

    c = r->connection;

    if (c->ssl == NULL) {
        /* "eid on" in a server without TLS */
        ctx->refusal = NGX_HTTP_EID_INTERNAL;
        return;
    }

    /* a reference of our own */

    cert = SSL_get1_peer_certificate(c->ssl->connection);
    if (cert == NULL) {
        ctx->refusal = NGX_HTTP_EID_NO_CERTIFICATE;
        return;
    }

    ctx->refusal = ngx_http_eid_check_chain(r, ctx, cert);

    if (ctx->refusal == NGX_HTTP_EID_ACCEPTED
        && elcf->issuers != NGX_CONF_UNSET_PTR
        && elcf->policies != NGX_CONF_UNSET_PTR)
    {
        ctx->refusal = ngx_http_eid_check_card(r, ctx, elcf, cert);
    }

    X509_free(cert);

    if (ctx->refusal != NGX_HTTP_EID_ACCEPTED) {
        ngx_str_null(&ctx->nrn);
        ngx_str_null(&ctx->given_names);
        ngx_str_null(&ctx->surname);
        ngx_str_null(&ctx->assurance);
    }

#else

    ctx->refusal = NGX_HTTP_EID_INTERNAL;

#endif
}


#if (NGX_HTTP_SSL)

/*
 * nginx's verdict, as $ssl_client_verify has it: with "ssl_verify_client
 * optional" nginx refused a bad chain (495) before the access phase, so
 * this names it for the refusal page; with "optional_no_ca" it refuses
 * here.  Also the certificate's fingerprint and issuer, for the page's
 * audit and the error log.
 */

static ngx_http_eid_refusal_e
ngx_http_eid_check_chain(ngx_http_request_t *r, ngx_http_eid_ctx_t *ctx,
    X509 *cert)
{
    BIO               *bio;
    long               rc;
    u_char            *p;
    const char        *s;
    unsigned int       mdlen;
    u_char             md[EVP_MAX_MD_SIZE];
    ngx_connection_t  *c;

    c = r->connection;

    if (X509_digest(cert, EVP_sha256(), md, &mdlen) != 1) {
        return NGX_HTTP_EID_INTERNAL;
    }

    p = ngx_pnalloc(r->pool, mdlen * 2);
    if (p == NULL) {
        return NGX_HTTP_EID_INTERNAL;
    }

    ngx_hex_dump(p, md, mdlen);
    ctx->fingerprint.data = p;
    ctx->fingerprint.len = mdlen * 2;

    /* the issuer as RFC 2253 text, as eid_issuer names it */

    bio = BIO_new(BIO_s_mem());
    if (bio == NULL) {
        return NGX_HTTP_EID_INTERNAL;
    }

    X509_NAME_print_ex(bio, X509_get_issuer_name(cert), 0,
                       XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);

    ctx->issuer.len = BIO_pending(bio);
    ctx->issuer.data = ngx_pnalloc(r->pool, ctx->issuer.len);
    if (ctx->issuer.data == NULL) {
        BIO_free(bio);
        ngx_str_null(&ctx->issuer);
        return NGX_HTTP_EID_INTERNAL;
    }

    BIO_read(bio, ctx->issuer.data, ctx->issuer.len);
    BIO_free(bio);

    rc = SSL_get_verify_result(c->ssl->connection);

    switch (rc) {

    case X509_V_OK:
        break;

    case X509_V_ERR_CERT_HAS_EXPIRED:
        return NGX_HTTP_EID_EXPIRED;

    case X509_V_ERR_CERT_NOT_YET_VALID:
        return NGX_HTTP_EID_NOT_YET_VALID;

    /* a signature certificate (nonRepudiation only) is no client's */

    case X509_V_ERR_INVALID_PURPOSE:
        return NGX_HTTP_EID_SIGNATURE_CERTIFICATE;

    case X509_V_ERR_CERT_REVOKED:
        return NGX_HTTP_EID_REVOKED;

    case X509_V_ERR_UNABLE_TO_GET_CRL:
        return NGX_HTTP_EID_REVOCATION_UNKNOWN;

    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
        return NGX_HTTP_EID_UNKNOWN_ISSUER;

    default:
        return NGX_HTTP_EID_NOT_VERIFIED;
    }

    /* "ssl_ocsp leaf": the chain is good, the card may still be revoked */

    if (ngx_ssl_ocsp_get_status(c, &s) != NGX_OK) {
        return ngx_strcmp(s, "certificate revoked") == 0
               ? NGX_HTTP_EID_REVOKED : NGX_HTTP_EID_REVOCATION_UNKNOWN;
    }

    return NGX_HTTP_EID_ACCEPTED;
}


/* what makes a certificate that nginx accepted an eID authentication one */

static ngx_http_eid_refusal_e
ngx_http_eid_check_card(ngx_http_request_t *r, ngx_http_eid_ctx_t *ctx,
    ngx_http_eid_loc_conf_t *elcf, X509 *cert)
{
    uint32_t     ku;
    ngx_str_t   *s;
    ngx_uint_t   i, found;
    X509_NAME   *subject;

    found = 0;
    s = elcf->issuers->elts;

    for (i = 0; i < elcf->issuers->nelts; i++) {
        if (s[i].len == ctx->issuer.len
            && ngx_strncmp(s[i].data, ctx->issuer.data, s[i].len) == 0)
        {
            found = 1;
            break;
        }
    }

    if (!found) {
        return NGX_HTTP_EID_ISSUER_NOT_ALLOWED;
    }

    /*
     * An authentication key signs, it does not commit to content: the
     * card's other certificate, chosen by mistake, has nonRepudiation.
     */

    ku = X509_get_key_usage(cert);

    if (ku != UINT32_MAX && (ku & KU_NON_REPUDIATION)) {
        return NGX_HTTP_EID_SIGNATURE_CERTIFICATE;
    }

    if (!ngx_http_eid_has_policy(r, ctx, cert, elcf)) {
        return NGX_HTTP_EID_NO_AUTH_POLICY;
    }

    if (ku == UINT32_MAX || !(ku & KU_DIGITAL_SIGNATURE)) {
        return NGX_HTTP_EID_KEY_USAGE;
    }

    if (X509_cmp_current_time(X509_get0_notAfter(cert)) <= 0) {
        return NGX_HTTP_EID_EXPIRED;
    }

    if (X509_cmp_current_time(X509_get0_notBefore(cert)) >= 0) {
        return NGX_HTTP_EID_NOT_YET_VALID;
    }

    subject = X509_get_subject_name(cert);

    if (ngx_http_eid_name_entry(r, subject, NID_serialNumber, &ctx->nrn)
        != NGX_OK
        || !ngx_http_eid_valid_nrn(&ctx->nrn))
    {
        return NGX_HTTP_EID_INVALID_NUMBER;
    }

    if (ngx_http_eid_name_entry(r, subject, NID_givenName, &ctx->given_names)
        != NGX_OK
        || ngx_http_eid_name_entry(r, subject, NID_surname, &ctx->surname)
           != NGX_OK)
    {
        return NGX_HTTP_EID_NO_NAMES;
    }

    /* a verified eID card: the highest assurance we know */

    ngx_str_set(&ctx->assurance, "high");

    return NGX_HTTP_EID_ACCEPTED;
}


/* the card's first policy is kept for the error log */

static ngx_uint_t
ngx_http_eid_has_policy(ngx_http_request_t *r, ngx_http_eid_ctx_t *ctx,
    X509 *cert, ngx_http_eid_loc_conf_t *elcf)
{
    int                    i, n;
    char                   oid[128];
    ngx_str_t             *s;
    ngx_uint_t             j, found;
    POLICYINFO            *pi;
    CERTIFICATEPOLICIES   *policies;

    policies = X509_get_ext_d2i(cert, NID_certificate_policies, NULL, NULL);
    if (policies == NULL) {
        return 0;
    }

    found = 0;
    s = elcf->policies->elts;

    for (i = 0; i < sk_POLICYINFO_num(policies) && !found; i++) {
        pi = sk_POLICYINFO_value(policies, i);

        n = OBJ_obj2txt(oid, sizeof(oid), pi->policyid, 1);
        if (n <= 0 || n >= (int) sizeof(oid)) {
            continue;
        }

        if (ctx->policy.len == 0) {
            ctx->policy.data = ngx_pnalloc(r->pool, n);
            if (ctx->policy.data != NULL) {
                ngx_memcpy(ctx->policy.data, oid, n);
                ctx->policy.len = n;
            }
        }

        for (j = 0; j < elcf->policies->nelts; j++) {
            if (s[j].len == (size_t) n
                && ngx_strncmp(s[j].data, oid, n) == 0)
            {
                found = 1;
                break;
            }
        }
    }

    CERTIFICATEPOLICIES_free(policies);

    return found;
}

#endif


/* the reason, issuer, policy and fingerprint: never the card's number */

static void
ngx_http_eid_log_refusal(ngx_http_request_t *r, ngx_http_eid_ctx_t *ctx)
{
    ngx_http_eid_refusal_t  *rf;

    rf = &ngx_http_eid_refusals[ctx->refusal];

    if (ctx->fingerprint.len == 0) {
        ngx_log_error(rf->level, r->connection->log, 0,
                      "eid: card refused: %s", rf->text);
        return;
    }

    ngx_log_error(rf->level, r->connection->log, 0,
                  "eid: card refused: %s, issuer \"%V\", policy \"%V\", "
                  "fingerprint %V",
                  rf->text, &ctx->issuer, &ctx->policy, &ctx->fingerprint);
}


/* one subject attribute by OID, as UTF-8 whatever its ASN.1 string type */

static ngx_int_t
ngx_http_eid_name_entry(ngx_http_request_t *r, X509_NAME *name, int nid,
    ngx_str_t *out)
{
    int              i, len;
    unsigned char   *utf8;

    i = X509_NAME_get_index_by_NID(name, nid, -1);
    if (i < 0) {
        return NGX_DECLINED;
    }

    len = ASN1_STRING_to_UTF8(&utf8,
              X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, i)));
    if (len <= 0) {
        return NGX_DECLINED;
    }

    out->data = ngx_pnalloc(r->pool, len);
    if (out->data == NULL) {
        OPENSSL_free(utf8);
        return NGX_ERROR;
    }

    ngx_memcpy(out->data, utf8, len);
    out->len = len;
    OPENSSL_free(utf8);

    /* a control character has no business in a name or a number */

    for (i = 0; i < len; i++) {
        if (out->data[i] < 0x20 || out->data[i] == 0x7f) {
            return NGX_DECLINED;
        }
    }

    return NGX_OK;
}


/*
 * 11 digits: YYMMDD, a sequence, and 97 - (first nine mod 97); for people
 * born from 2000 the nine digits get a 2 in front.  Bis numbers add 20 or
 * 40 to the month.  lib/valid.c judges alike: tests/vectors/nrn.txt.
 */

static ngx_uint_t
ngx_http_eid_valid_nrn(ngx_str_t *s)
{
    uint64_t    base;
    ngx_uint_t  i, mm, dd, seq, check;

    if (s->len != 11) {
        return 0;
    }

    for (i = 0; i < 11; i++) {
        if (s->data[i] < '0' || s->data[i] > '9') {
            return 0;
        }
    }

    base = ngx_atoof(s->data, 9);
    mm = ngx_atoi(s->data + 2, 2);
    dd = ngx_atoi(s->data + 4, 2);
    seq = ngx_atoi(s->data + 6, 3);
    check = ngx_atoi(s->data + 9, 2);

    if (mm >= 40) {
        mm -= 40;

    } else if (mm >= 20) {
        mm -= 20;
    }

    if (mm > 12 || dd > 31 || seq < 1 || seq > 998) {
        return 0;
    }

    return check == 97 - base % 97
           || check == 97 - (2000000000ULL + base) % 97;
}


/*
 * The cookie is "id.expiry.mac": a 256-bit id in hex, a Unix time, and
 * HMAC-SHA256 over "sess|id.expiry" in hex.  The expiry is written as the
 * programs write it, digits without a leading zero, so that a cookie has
 * one spelling (lib/session.c agrees: tests/vectors/session-cookies.txt).
 * Logout and idle expiry are the programs' business; here only forgery
 * and absolute expiry are.
 */

static void
ngx_http_eid_check_session(ngx_http_request_t *r, ngx_http_eid_ctx_t *ctx,
    ngx_http_eid_loc_conf_t *elcf)
{
    u_char        *dot1, *dot2, *end;
    u_char         mac[EVP_MAX_MD_SIZE], hex[NGX_HTTP_EID_MAC_LEN];
    u_char         msg[5 + NGX_HTTP_EID_ID_LEN + 1 + NGX_INT64_LEN];
    int                    ok;
    size_t                 maclen;
    time_t                 expires;
    ngx_str_t              value;
    ngx_uint_t             i;
    EVP_MAC_CTX           *hctx;
    ngx_http_eid_cache_t  *entry;

    if (ctx->session_done) {
        return;
    }

    ctx->session_done = 1;

    /* nginx 1.23 turned the Cookie headers into a list of their own */

#if (nginx_version >= 1023000)

    if (ngx_http_parse_multi_header_lines(r, r->headers_in.cookie,
                                          &elcf->cookie, &value)
        == NULL)
    {
        return;
    }

#else

    if (ngx_http_parse_multi_header_lines(&r->headers_in.cookies,
                                          &elcf->cookie, &value)
        == NGX_DECLINED)
    {
        return;
    }

#endif

    end = value.data + value.len;
    dot1 = ngx_strlchr(value.data, end, '.');
    dot2 = dot1 ? ngx_strlchr(dot1 + 1, end, '.') : NULL;

    if (dot1 == NULL || dot2 == NULL
        || dot1 - value.data != NGX_HTTP_EID_ID_LEN
        || end - (dot2 + 1) != NGX_HTTP_EID_MAC_LEN
        || dot2 - dot1 - 1 < 1 || dot2 - dot1 - 1 > 20
        || dot1[1] == '0')
    {
        ngx_log_error(NGX_LOG_INFO, r->connection->log, 0,
                      "eid: malformed session cookie");
        return;
    }

    for (i = 0; i < NGX_HTTP_EID_ID_LEN; i++) {
        if (!((value.data[i] >= '0' && value.data[i] <= '9')
              || (value.data[i] >= 'a' && value.data[i] <= 'f')))
        {
            ngx_log_error(NGX_LOG_INFO, r->connection->log, 0,
                          "eid: malformed session cookie");
            return;
        }
    }

    expires = ngx_atotm(dot1 + 1, dot2 - dot1 - 1);
    if (expires == NGX_ERROR || value.len > NGX_HTTP_EID_COOKIE_MAX) {
        ngx_log_error(NGX_LOG_INFO, r->connection->log, 0,
                      "eid: malformed session cookie");
        return;
    }

    if (expires <= ngx_time()) {
        ngx_log_error(NGX_LOG_INFO, r->connection->log, 0,
                      "eid: expired session cookie");
        return;
    }

    if (ngx_http_eid_cache == NULL) {
        ngx_http_eid_cache = ngx_calloc(NGX_HTTP_EID_CACHE_SIZE
                                        * sizeof(ngx_http_eid_cache_t),
                                        r->connection->log);
    }

    entry = NULL;

    if (ngx_http_eid_cache) {
        entry = &ngx_http_eid_cache[ngx_hextoi(value.data, 3)
                                    & (NGX_HTTP_EID_CACHE_SIZE - 1)];

        if (entry->mac == elcf->mac && entry->len == value.len
            && CRYPTO_memcmp(entry->cookie, value.data, value.len) == 0)
        {
            goto valid;
        }
    }

    end = ngx_cpymem(msg, "sess|", 5);
    end = ngx_cpymem(end, value.data, dot2 - value.data);

    /* a copy of the context keyed at configuration time: no fetch, no key */

    hctx = EVP_MAC_CTX_dup(elcf->mac);
    if (hctx == NULL) {
        return;
    }

    ok = EVP_MAC_update(hctx, msg, end - msg)
         && EVP_MAC_final(hctx, mac, &maclen, sizeof(mac));

    EVP_MAC_CTX_free(hctx);

    if (!ok || maclen != 32) {
        return;
    }

    ngx_hex_dump(hex, mac, 32);

    if (CRYPTO_memcmp(hex, dot2 + 1, NGX_HTTP_EID_MAC_LEN) != 0) {
        ngx_log_error(NGX_LOG_WARN, r->connection->log, 0,
                      "eid: session cookie with a wrong signature");
        return;
    }

    if (entry) {
        entry->mac = elcf->mac;
        entry->expires = expires;
        entry->len = value.len;
        ngx_memcpy(entry->cookie, value.data, value.len);
    }

valid:

    ctx->session_id.data = value.data;
    ctx->session_id.len = NGX_HTTP_EID_ID_LEN;
    ctx->session_expires = expires;
}


/*
 * A browser goes to the login page with "return" set to where it was; the
 * path is percent-encoded whole, so it can only come back here.  Other
 * methods get 401: a redirect would lose their body.
 */

static ngx_int_t
ngx_http_eid_redirect_login(ngx_http_request_t *r,
    ngx_http_eid_loc_conf_t *elcf)
{
    u_char           *p, *uri;
    size_t            len;
    ngx_uint_t        i;
    ngx_table_elt_t  *location;
    static u_char     hex[] = "0123456789ABCDEF";

    if (!(r->method & (NGX_HTTP_GET|NGX_HTTP_HEAD))) {
        return NGX_HTTP_UNAUTHORIZED;
    }

    uri = r->unparsed_uri.data;
    len = r->unparsed_uri.len;

    if (len < 1 || uri[0] != '/' || (len > 1 && (uri[1] == '/'
                                                 || uri[1] == '\\')))
    {
        uri = (u_char *) "/";
        len = 1;
    }

    p = ngx_pnalloc(r->pool, elcf->login.len + sizeof("?return=") - 1
                             + 3 * len);
    if (p == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    location = ngx_list_push(&r->headers_out.headers);
    if (location == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    location->value.data = p;
    p = ngx_cpymem(p, elcf->login.data, elcf->login.len);
    p = ngx_cpymem(p, "?return=", sizeof("?return=") - 1);

    for (i = 0; i < len; i++) {
        if ((uri[i] >= 'a' && uri[i] <= 'z') || (uri[i] >= 'A' && uri[i] <= 'Z')
            || (uri[i] >= '0' && uri[i] <= '9') || uri[i] == '-'
            || uri[i] == '.' || uri[i] == '_' || uri[i] == '~')
        {
            *p++ = uri[i];

        } else {
            *p++ = '%';
            *p++ = hex[uri[i] >> 4];
            *p++ = hex[uri[i] & 0xf];
        }
    }

    location->value.len = p - location->value.data;
    location->hash = 1;
#if (nginx_version >= 1023000)
    location->next = NULL;
#endif
    ngx_str_set(&location->key, "Location");
    r->headers_out.location = location;

    return NGX_HTTP_MOVED_TEMPORARILY;
}


static ngx_int_t
ngx_http_eid_variable(ngx_http_request_t *r, ngx_http_variable_value_t *v,
    uintptr_t data)
{
    u_char                   *p;
    ngx_str_t                *s;
    ngx_uint_t                identity;
    ngx_http_eid_ctx_t       *ctx;
    ngx_http_eid_loc_conf_t  *elcf;

    elcf = ngx_http_get_module_loc_conf(r, ngx_http_eid_module);

    ctx = ngx_http_eid_get_ctx(r);
    if (ctx == NULL) {
        return NGX_ERROR;
    }

    /*
     * The identity only where "eid on" accepted the card; why a card was
     * refused, and which card, also where error_page sent the refusal.
     */

    identity = data == NGX_HTTP_EID_VAR_NRN
               || data == NGX_HTTP_EID_VAR_GIVEN_NAMES
               || data == NGX_HTTP_EID_VAR_SURNAME
               || data == NGX_HTTP_EID_VAR_ASSURANCE;

    if (data >= NGX_HTTP_EID_VAR_SESSION_ID) {
        if (elcf->session) {
            ngx_http_eid_check_session(r, ctx, elcf);
        }

    } else if (elcf->enable || !identity) {
        ngx_http_eid_check_cert(r, ctx, elcf);
    }

    switch (data) {
    case NGX_HTTP_EID_VAR_NRN:
        s = &ctx->nrn;
        break;
    case NGX_HTTP_EID_VAR_GIVEN_NAMES:
        s = &ctx->given_names;
        break;
    case NGX_HTTP_EID_VAR_SURNAME:
        s = &ctx->surname;
        break;
    case NGX_HTTP_EID_VAR_FINGERPRINT:
        s = &ctx->fingerprint;
        break;
    case NGX_HTTP_EID_VAR_ISSUER:
        s = &ctx->issuer;
        break;
    case NGX_HTTP_EID_VAR_ASSURANCE:
        s = &ctx->assurance;
        break;
    case NGX_HTTP_EID_VAR_REFUSAL:
        s = &ngx_http_eid_refusals[ctx->refusal].code;
        break;
    case NGX_HTTP_EID_VAR_SESSION_ID:
        s = &ctx->session_id;
        break;
    default: /* NGX_HTTP_EID_VAR_SESSION_EXPIRES */
        if (ctx->session_id.len == 0) {
            v->not_found = 1;
            return NGX_OK;
        }

        p = ngx_pnalloc(r->pool, NGX_TIME_T_LEN);
        if (p == NULL) {
            return NGX_ERROR;
        }

        v->len = ngx_snprintf(p, NGX_TIME_T_LEN, "%T", ctx->session_expires)
                 - p;
        v->data = p;
        v->valid = 1;
        v->no_cacheable = 1;
        v->not_found = 0;
        return NGX_OK;
    }

    if (s->len == 0
        || (identity
            && (!elcf->enable || ctx->refusal != NGX_HTTP_EID_ACCEPTED)))
    {
        v->not_found = 1;
        return NGX_OK;
    }

    v->len = s->len;
    v->data = s->data;
    v->valid = 1;
    v->no_cacheable = 1;
    v->not_found = 0;

    return NGX_OK;
}


static ngx_int_t
ngx_http_eid_add_variables(ngx_conf_t *cf)
{
    ngx_http_variable_t  *var, *v;

    for (v = ngx_http_eid_vars; v->name.len; v++) {
        var = ngx_http_add_variable(cf, &v->name, v->flags);
        if (var == NULL) {
            return NGX_ERROR;
        }

        var->get_handler = v->get_handler;
        var->data = v->data;
    }

    return NGX_OK;
}


static void *
ngx_http_eid_create_loc_conf(ngx_conf_t *cf)
{
    ngx_http_eid_loc_conf_t  *conf;

    conf = ngx_pcalloc(cf->pool, sizeof(ngx_http_eid_loc_conf_t));
    if (conf == NULL) {
        return NULL;
    }

    /*
     * set by ngx_pcalloc():
     *
     *     conf->secret = { 0, NULL };
     *     conf->cookie = { 0, NULL };
     *     conf->login = { 0, NULL };
     */

    conf->enable = NGX_CONF_UNSET;
    conf->session = NGX_CONF_UNSET;
    conf->issuers = NGX_CONF_UNSET_PTR;
    conf->policies = NGX_CONF_UNSET_PTR;

    return conf;
}


static char *
ngx_http_eid_merge_loc_conf(ngx_conf_t *cf, void *parent, void *child)
{
    ngx_http_eid_loc_conf_t  *prev = parent;
    ngx_http_eid_loc_conf_t  *conf = child;

    ngx_conf_merge_value(conf->enable, prev->enable, 0);
    ngx_conf_merge_value(conf->session, prev->session, 0);
    ngx_conf_merge_ptr_value(conf->issuers, prev->issuers,
                             NGX_CONF_UNSET_PTR);
    ngx_conf_merge_ptr_value(conf->policies, prev->policies,
                             NGX_CONF_UNSET_PTR);
    if (conf->secret.data == NULL) {
        conf->secret = prev->secret;
        conf->mac = prev->mac;
    }
    ngx_conf_merge_str_value(conf->cookie, prev->cookie, "__Host-guichet");
    ngx_conf_merge_str_value(conf->login, prev->login, "/login");

    if (conf->enable
        && (conf->issuers == NGX_CONF_UNSET_PTR
            || conf->policies == NGX_CONF_UNSET_PTR))
    {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "\"eid on\" needs \"eid_issuer\" and "
                           "\"eid_policy\"");
        return NGX_CONF_ERROR;
    }

    if (conf->session && conf->secret.len < 32) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "\"eid_session on\" needs \"eid_session_secret\" "
                           "with at least 32 bytes");
        return NGX_CONF_ERROR;
    }

    return NGX_CONF_OK;
}


/* the secret is read once, when the configuration is */

static char *
ngx_http_eid_secret(ngx_conf_t *cf, ngx_command_t *cmd, void *conf)
{
    ngx_http_eid_loc_conf_t *elcf = conf;

    ssize_t     n;
    ngx_str_t  *value;
    ngx_file_t  file;

    if (elcf->secret.data) {
        return "is duplicate";
    }

    value = cf->args->elts;

    if (ngx_conf_full_name(cf->cycle, &value[1], 1) != NGX_OK) {
        return NGX_CONF_ERROR;
    }

    ngx_memzero(&file, sizeof(ngx_file_t));
    file.name = value[1];
    file.log = cf->log;

    file.fd = ngx_open_file(value[1].data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);
    if (file.fd == NGX_INVALID_FILE) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, ngx_errno,
                           ngx_open_file_n " \"%V\" failed", &value[1]);
        return NGX_CONF_ERROR;
    }

    elcf->secret.data = ngx_pnalloc(cf->pool, NGX_HTTP_EID_SECRET_MAX);
    if (elcf->secret.data == NULL) {
        ngx_close_file(file.fd);
        return NGX_CONF_ERROR;
    }

    n = ngx_read_file(&file, elcf->secret.data, NGX_HTTP_EID_SECRET_MAX, 0);

    ngx_close_file(file.fd);

    if (n < 32) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "\"%V\" holds fewer than 32 bytes", &value[1]);
        return NGX_CONF_ERROR;
    }

    elcf->secret.len = n;

    if (ngx_http_eid_mac_init(cf, elcf) != NGX_OK) {
        return NGX_CONF_ERROR;
    }

    return NGX_CONF_OK;
}


static void
ngx_http_eid_mac_cleanup(void *data)
{
    EVP_MAC_CTX_free(data);
}


static ngx_int_t
ngx_http_eid_mac_init(ngx_conf_t *cf, ngx_http_eid_loc_conf_t *elcf)
{
    EVP_MAC            *mac;
    OSSL_PARAM          params[2];
    ngx_pool_cleanup_t *cln;

    mac = EVP_MAC_fetch(NULL, OSSL_MAC_NAME_HMAC, NULL);
    if (mac == NULL) {
        return NGX_ERROR;
    }

    elcf->mac = EVP_MAC_CTX_new(mac);
    EVP_MAC_free(mac);

    if (elcf->mac == NULL) {
        return NGX_ERROR;
    }

    cln = ngx_pool_cleanup_add(cf->pool, 0);
    if (cln == NULL) {
        EVP_MAC_CTX_free(elcf->mac);
        return NGX_ERROR;
    }

    cln->handler = ngx_http_eid_mac_cleanup;
    cln->data = elcf->mac;

    params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
                                                 (char *) "SHA256", 0);
    params[1] = OSSL_PARAM_construct_end();

    if (!EVP_MAC_init(elcf->mac, elcf->secret.data, elcf->secret.len,
                      params))
    {
        return NGX_ERROR;
    }

    return NGX_OK;
}


static ngx_int_t
ngx_http_eid_init(ngx_conf_t *cf)
{
    ngx_http_handler_pt        *h;
    ngx_http_core_main_conf_t  *cmcf;

    cmcf = ngx_http_conf_get_module_main_conf(cf, ngx_http_core_module);

    h = ngx_array_push(&cmcf->phases[NGX_HTTP_ACCESS_PHASE].handlers);
    if (h == NULL) {
        return NGX_ERROR;
    }

    *h = ngx_http_eid_handler;

    return NGX_OK;
}
