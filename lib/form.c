/* Form checking: what the user typed always goes back to the page. */
#include <string.h>

#include "form.h"

/* Adds a per-field message and a line of the summary at the top. */
void
form_error(struct req *r, const char *field, const char *key)
{
	int		 n = hdf_get_int_value(r->hdf, "Errors.count", 0);
	const char	*msg = req_tr(r, key);

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
