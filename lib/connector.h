/* Authentic sources (national register, BCE/KBO) through HTTP and JSON. */
#ifndef GUICHET_CONNECTOR_H
#define GUICHET_CONNECTOR_H

#include <jansson.h>

#include "gerr.h"
#include "pool.h"

enum gerr	connector_get(struct pool *, const char *reg, const char *key,
		    json_t **out);

#endif
