/*
 * Conditions: the small expression language of procedure definitions that
 * decides, on the server, when a field or a page is shown and required.
 * The grammar and its meaning are in docs/procedures.md.
 */
#ifndef GUICHET_COND_H
#define GUICHET_COND_H

#include <jansson.h>
#include <stddef.h>

#define COND_MAX_LEN	1000
#define COND_MAX_DEPTH	32

/*
 * Checks the syntax of an expression and that every name it uses is a key
 * of names (the definition's field names).  0, or -1 with a message.
 */
int	cond_check(const char *expr, const json_t *names, char *err,
	    size_t errsz);

/*
 * Evaluates an expression against the answers: a name is looked up in
 * block first (the repeated block being filled, or NULL), then in answers.
 * Returns 1 (true), 0 (false) or -1 if the expression is not valid.
 */
int	cond_eval(const char *expr, const json_t *answers, const json_t *block);

/*
 * The value of an expression as a number: an answer that is not a number
 * (or none) is 0, true 1 and false 0.  0, or -1 if it is not valid.
 */
int	cond_number(const char *expr, const json_t *answers,
	    const json_t *block, double *n);

#endif
