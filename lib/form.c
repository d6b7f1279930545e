/* Form checking: what the user typed always goes back to the page. */
#include <string.h>

#include "form.h"

/* Adds a per-field message and a line of the summary at the top. */
void
form_error(struct req *r, const char *field, const char *key)
{
	form_error_text(r, field, req_tr(r, key));
}

/* The same with the message in words (one naming its limit). */
void
form_error_text(struct req *r, const char *field, const char *msg)
{
	int	n = hdf_get_int_value(r->hdf, "Errors.count", 0);

	tmpl_set(r->hdf, pool_printf(r->pool, "Form.%s.error", field), msg);
	tmpl_set(r->hdf, pool_printf(r->pool, "Errors.list.%d.field", n), field);
	tmpl_set(r->hdf, pool_printf(r->pool, "Errors.list.%d.message", n), msg);
	tmpl_setf(r->hdf, "Errors.count", "%d", n + 1);
}

int
form_check(struct req *r, const struct field *f, size_t n,
    const char **values)
{
	size_t		 i, len;
	int		 errors = 0;
	const char	*v;
	char		*norm;

	for (i = 0; i < n; i++) {
		values[i] = NULL;
		v = req_form(r, f[i].name);
		if (v == NULL)
			v = "";
		tmpl_set(r->hdf, pool_printf(r->pool, "Form.%s.value",
		    f[i].name), v);
		len = strlen(v);
		if (v[strspn(v, " \t\r\n")] == '\0') {
			if (f[i].required) {
				form_error(r, f[i].name, "err.required");
				errors++;
			}
			continue;
		}
		if ((norm = pool_alloc(r->pool, len + 32)) == NULL ||
		    !valid_field(f[i].type, v, &f[i].lim, norm, len + 32)) {
			form_error(r, f[i].name, validators[f[i].type].errkey);
			errors++;
			continue;
		}
		values[i] = norm;
	}
	return errors;
}

/*
 * The free text of a message or a note: trimmed of blank lines and
 * spaces around it, into *out.  0: fit; 1: empty; -1: not UTF-8, over
 * max_chars characters, or with control characters other than line
 * breaks and tabs.
 */
int
form_text(struct pool *p, const char *in, size_t max_chars, const char **out)
{
	const char	*s = in != NULL ? in : "";
	size_t		 n, i;

	while (*s != '\0' && strchr(" \t\r\n", *s) != NULL)
		s++;
	n = strlen(s);
	while (n > 0 && strchr(" \t\r\n", s[n - 1]) != NULL)
		n--;
	if ((*out = pool_strndup(p, s, n)) == NULL)
		return -1;
	if (n == 0)
		return 1;
	if (!valid_utf8(*out, n) || valid_utf8_chars(*out, n) > max_chars)
		return -1;
	for (i = 0; i < n; i++)
		if ((unsigned char)(*out)[i] < 0x20 &&
		    strchr("\n\r\t", (*out)[i]) == NULL)
			return -1;
	return 0;
}
