/* libFuzzer target: an ID token's or logout token's claims, and an acr, as lib/oidc.c checks them. */
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "conf.h"
#include "oidc.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct oidc_provider	*fas;
	json_error_t				 jerr;
	json_t					*claims;
	char					 acr[256];

	if (fas == NULL) {
		conf_set("oidc.fas.issuer", "https://idp.example");
		conf_set("oidc.fas.client_id", "guichet");
		if ((fas = oidc_provider_find("fas")) == NULL)
			__builtin_trap();
	}
	if (size < sizeof(acr)) {
		memcpy(acr, data, size);
		acr[size] = '\0';
		if (oidc_acr_level(fas, acr) > ASSURANCE_HIGH)
			__builtin_trap();
	}
	claims = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES,
	    &jerr);
	if (claims == NULL)
		return 0;
	/* Passing needs our nonce, issuer and client: the input must say so. */
	if (oidc_id_claims_check(fas, claims, "n0nce", time(NULL)) == NULL &&
	    (json_string_value(json_object_get(claims, "nonce")) == NULL ||
	    strcmp(json_string_value(json_object_get(claims, "nonce")),
	    "n0nce") != 0))
		__builtin_trap();
	(void)oidc_logout_claims_check(fas, claims, time(NULL));
	json_decref(claims);
	return 0;
}
