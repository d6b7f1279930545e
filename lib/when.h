/*
 * Times and days as a person reads them: in the display zone
 * (display.timezone, Brussels), "03/12/2026 07:36".  The API, the exports
 * and sealed data stay in UTC; everything a person reads (pages, emails,
 * PDFs) goes through here.
 */
#ifndef GUICHET_WHEN_H
#define GUICHET_WHEN_H

#include <time.h>

#include <libpq-fe.h>

#include "pool.h"

enum when_form {
	WHEN_DAY,	/* 03/12/2026 */
	WHEN_MINUTE,	/* 03/12/2026 07:36 */
	WHEN_SECOND	/* 03/12/2026 07:36:39, for receipts */
};

int		 when_zone(const char *tz);
int		 when_parse(const char *, time_t *, int *ymd);
const char	*when_text(struct pool *, const char *value, enum when_form);
const char	*when_time(struct pool *, time_t, enum when_form);
const char	*when_cell(struct pool *, const PGresult *, int row, int col);

#endif
