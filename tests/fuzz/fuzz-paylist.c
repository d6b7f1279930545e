/*
 * libFuzzer target: the providers' lists of payments, which the daily
 * reconciliation reads (issue 19, docs/payments.md): GOV.UK Pay's search
 * page and Stripe's list of Checkout Sessions.  What is accepted must
 * hold: at most PAY_LIST_MAX items, each with an id fit for a path, a
 * state in range, amounts not negative, and a next page only after items
 * (the next cursor an id too).
 */
#include <stdint.h>
#include <string.h>

#include "../../lib/pay-govuk.c"
#include "../../lib/pay-stripe.c"

static void
check_items(const struct pay_list *l, int (*id_ok)(const char *))
{
	size_t	 i;

	if (l->n > PAY_LIST_MAX || (l->next != NULL && l->n == 0))
		__builtin_trap();
	for (i = 0; i < l->n; i++)
		if (!id_ok(l->items[i].provider_id) ||
		    l->items[i].status >= PAY__MAX ||
		    l->items[i].amount_cents < 0 ||
		    l->items[i].refunded_cents < 0 ||
		    l->items[i].available_cents < 0)
			__builtin_trap();
}

static int
page_ok(const char *s)
{
	return s != NULL && strspn(s, "0123456789") == strlen(s) && *s != '\0';
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct pool	*p;
	struct pay_list		 l;
	json_t			*j;

	if (size < 1)
		return 0;
	if (p == NULL)
		p = pool_new(4096);
	if ((j = json_loadb((const char *)data + 1, size - 1,
	    JSON_REJECT_DUPLICATES, NULL)) == NULL)
		return 0;
	if (data[0] % 2 == 0) {
		if (govuk_parse_list(p, j, 1, &l) == 0) {
			check_items(&l, govuk_id_ok);
			if (l.next != NULL && !page_ok(l.next))
				__builtin_trap();
		}
	} else if (session_list(p, j, &l) == GERR_OK) {
		check_items(&l, stripe_id_ok);
		if (l.next != NULL && !stripe_id_ok(l.next))
			__builtin_trap();
	}
	json_decref(j);
	pool_reset(p);
	return 0;
}
