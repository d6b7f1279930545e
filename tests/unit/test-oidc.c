/* Unit tests of lib/oidc.c: the provider table, acr levels, the ID and logout tokens' claims. */
#include <time.h>

#include "tap.h"
#include "conf.h"
#include "oidc.h"

#define ISS	"https://idp.example"
#define NOW	((time_t)1800000000)

static const struct oidc_provider	*fas;

#define UNSET	(-1000000)

/* Claims from JSON with iat and exp relative to NOW (UNSET: left out). */
static json_t *
claims(const char *text, long long iat, long long exp)
{
	json_error_t	 e;
	json_t		*c = json_loads(text, 0, &e);

	if (c == NULL) {
		printf("# bad JSON in the test: %s\n", e.text);
		exit(1);
	}
	if (iat != UNSET)
		json_object_set_new(c, "iat", json_integer(NOW + iat));
	if (exp != UNSET)
		json_object_set_new(c, "exp", json_integer(NOW + exp));
	return c;
}

static const char *
id_check(const char *text, long long iat, long long exp, const char *nonce)
{
	json_t		*c = claims(text, iat, exp);
	const char	*why = oidc_id_claims_check(fas, c, nonce, NOW);

	json_decref(c);
	return why;
}

static const char *
logout_check(const char *text, long long iat, long long exp)
{
	json_t		*c = claims(text, iat, exp);
	const char	*why = oidc_logout_claims_check(fas, c, NOW);

	json_decref(c);
	return why;
}

#define GOOD	"\"iss\":\"" ISS "\",\"aud\":\"guichet\",\"sub\":\"s1\""
#define EVENT	"\"events\":{\"http://schemas.openid.net/event/backchannel-logout\":{}}"

int
main(void)
{
	struct pool	*p = pool_new(4096);

	conf_set("oidc.fas.issuer", ISS);
	conf_set("oidc.fas.client_id", "guichet");
	conf_set("site.url", "https://guichet.example");
	/* itsme's client authentication is none we know: it is not offered */
	conf_set("oidc.itsme.issuer", "https://itsme.example");
	conf_set("oidc.itsme.client_id", "guichet");
	conf_set("oidc.itsme.client_auth", "client_secret_jwt");

	is_int(oidc_provider_count(), 1, "only the configured provider is offered");
	fas = oidc_provider_find("fas");
	ok(fas != NULL && oidc_provider_at(0) == fas, "found by name");
	ok(oidc_provider_find("itsme") == NULL,
	    "not one with an unknown client authentication");
	ok(oidc_provider_find("../fas") == NULL && oidc_provider_find(NULL) ==
	    NULL, "nor anything else");
	is_str(oidc_redirect_uri(p, fas, "https://guichet.example"),
	    "https://guichet.example/login/oidc/fas/callback",
	    "the exact redirect URI");

	/* acr → level, FAS's map by default */
	is_int(oidc_acr_level(fas, "urn:be:fedict:iam:fas:Level500"),
	    ASSURANCE_HIGH, "Level500 (eID) is high");
	is_int(oidc_acr_level(fas, "urn:be:fedict:iam:fas:Level450"),
	    ASSURANCE_HIGH, "Level450 (itsme) is high");
	is_int(oidc_acr_level(fas, "urn:be:fedict:iam:fas:Level400"),
	    ASSURANCE_SUBSTANTIAL, "Level400 is substantial");
	is_int(oidc_acr_level(fas, "urn:be:fedict:iam:fas:Level200"),
	    ASSURANCE_LOW, "Level200 is low");
	is_int(oidc_acr_level(fas, "urn:be:fedict:iam:fas:Level100"),
	    ASSURANCE_LOW, "and below");
	is_int(oidc_acr_level(fas, "urn:be:fedict:iam:fas:Level50"),
	    ASSURANCE_NONE, "a prefix of a listed acr is not it");
	is_int(oidc_acr_level(fas, "urn:be:fedict:iam:fas:Level5000"),
	    ASSURANCE_NONE, "nor a longer one");
	is_int(oidc_acr_level(fas, NULL), ASSURANCE_NONE, "no acr: none");
	is_str(oidc_acr_request(p, fas, ASSURANCE_HIGH),
	    "urn:be:fedict:iam:fas:Level500 urn:be:fedict:iam:fas:Level450",
	    "a step-up to high asks for the acr that reach it");
	is_str(oidc_acr_request(p, fas, ASSURANCE_LOW),
	    conf_str("oidc.fas.acr_values"), "otherwise the configured ones");
	{
		struct oidc_provider	mine = *fas;

		mine.acr_map = "a=high b=nonsense  c=substantial junk";
		is_int(oidc_acr_level(&mine, "b"), ASSURANCE_NONE,
		    "a level that is not one: none");
		is_int(oidc_acr_level(&mine, "c"), ASSURANCE_SUBSTANTIAL,
		    "a map as a hosting team writes it");
		is_int(oidc_acr_level(&mine, "junk"), ASSURANCE_NONE,
		    "a word without '=' maps nothing");
		is_str(oidc_acr_request(p, &mine, ASSURANCE_SUBSTANTIAL),
		    "a c", "a step-up asks for every acr that reaches it");
	}

	/* the ID token's claims */
	ok(id_check("{" GOOD ",\"nonce\":\"n1\"}", 0, 300, "n1") == NULL,
	    "a good ID token passes");
	is_str(id_check("{\"iss\":\"https://idp.example/\",\"aud\":\"guichet\","
	    "\"sub\":\"s\",\"nonce\":\"n\"}", 0, 300, "n"),
	    "iss is another issuer", "iss must be exactly the issuer");
	is_str(id_check("{\"aud\":\"guichet\",\"sub\":\"s\",\"nonce\":\"n\"}", 0,
	    300, "n"), "iss is another issuer", "no iss");
	is_str(id_check("{\"iss\":\"" ISS "\",\"aud\":\"other\",\"sub\":\"s\","
	    "\"nonce\":\"n\"}", 0, 300, "n"), "aud is not our client",
	    "aud of another client");
	ok(id_check("{\"iss\":\"" ISS "\",\"aud\":[\"guichet\"],\"sub\":\"s\","
	    "\"nonce\":\"n\"}", 0, 300, "n") == NULL, "aud as a list of one");
	is_str(id_check("{\"iss\":\"" ISS "\",\"aud\":[\"guichet\",\"x\"],"
	    "\"sub\":\"s\",\"nonce\":\"n\"}", 0, 300, "n"),
	    "several audiences and no azp", "several audiences need azp");
	ok(id_check("{\"iss\":\"" ISS "\",\"aud\":[\"guichet\",\"x\"],"
	    "\"azp\":\"guichet\",\"sub\":\"s\",\"nonce\":\"n\"}", 0, 300, "n") ==
	    NULL, "several audiences with our azp");
	is_str(id_check("{" GOOD ",\"azp\":\"x\",\"nonce\":\"n\"}", 0, 300, "n"),
	    "azp is another client", "azp of another client");
	is_str(id_check("{" GOOD ",\"azp\":7,\"nonce\":\"n\"}", 0, 300, "n"),
	    "azp is another client", "an azp that is not a string");
	is_str(id_check("{" GOOD ",\"nonce\":\"n\"}", 0, -61, "n"), "expired",
	    "expired past the skew");
	ok(id_check("{" GOOD ",\"nonce\":\"n\"}", 0, -59, "n") == NULL,
	    "within the skew");
	is_str(id_check("{" GOOD ",\"nonce\":\"n\"}", 0, UNSET, "n"), "no exp",
	    "no exp");
	is_str(id_check("{" GOOD ",\"nonce\":\"n\",\"exp\":\"soon\"}", 0, UNSET,
	    "n"), "no exp", "an exp that is not a number");
	is_str(id_check("{" GOOD ",\"nonce\":\"n\"}", 120, 300, "n"),
	    "iat is in the future", "iat in the future");
	is_str(id_check("{" GOOD ",\"nonce\":\"n\"}", -700, 300, "n"),
	    "iat is too old", "iat too old");
	is_str(id_check("{" GOOD ",\"nonce\":\"m\"}", 0, 300, "n"),
	    "nonce is not ours", "another nonce");
	is_str(id_check("{" GOOD ",\"nonce\":\"nn\"}", 0, 300, "n"),
	    "nonce is not ours", "a longer nonce");
	is_str(id_check("{" GOOD "}", 0, 300, "n"), "nonce is not ours",
	    "no nonce");
	is_str(id_check("{\"iss\":\"" ISS "\",\"aud\":\"guichet\","
	    "\"nonce\":\"n\"}", 0, 300, "n"), "no sub", "no sub");
	is_str(id_check("{\"iss\":\"" ISS "\",\"aud\":\"guichet\",\"sub\":\"\","
	    "\"nonce\":\"n\"}", 0, 300, "n"), "no sub", "an empty sub");
	is_str(id_check("{" GOOD ",\"nonce\":\"n\",\"sid\":5}", 0, 300, "n"),
	    "a malformed sid", "a sid that is not a string");

	/* logout tokens */
	ok(logout_check("{" GOOD ",\"jti\":\"j\"," EVENT "}", 0, 120) == NULL,
	    "a good logout token by sub");
	ok(logout_check("{\"iss\":\"" ISS "\",\"aud\":\"guichet\",\"sid\":\"x\","
	    "\"jti\":\"j\"," EVENT "}", 0, UNSET) == NULL,
	    "by sid, without exp");
	is_str(logout_check("{" GOOD ",\"jti\":\"j\"}", 0, 120),
	    "no logout event", "without the event");
	is_str(logout_check("{" GOOD ",\"jti\":\"j\",\"events\":{\"x\":{}}}", 0,
	    120), "no logout event", "with another event");
	is_str(logout_check("{" GOOD ",\"jti\":\"j\",\"nonce\":\"n\"," EVENT "}",
	    0, 120), "a nonce (an ID token, not a logout token)",
	    "with a nonce: an ID token passed off as one");
	is_str(logout_check("{" GOOD "," EVENT "}", 0, 120), "no jti",
	    "without jti");
	is_str(logout_check("{\"iss\":\"" ISS "\",\"aud\":\"guichet\","
	    "\"jti\":\"j\"," EVENT "}", 0, 120), "neither sid nor sub",
	    "naming nobody");
	is_str(logout_check("{\"iss\":\"x\",\"aud\":\"guichet\",\"sub\":\"s\","
	    "\"jti\":\"j\"," EVENT "}", 0, 120), "iss is another issuer",
	    "from another issuer");
	is_str(logout_check("{" GOOD ",\"jti\":\"j\"," EVENT "}", 0, -3600),
	    "expired", "expired");
	is_str(logout_check("{" GOOD ",\"jti\":\"j\"," EVENT "}", -3600, UNSET),
	    "iat is too old", "issued an hour ago");

	pool_free(p);
	return tap_done();
}
