/* Unit tests of lib/conf.c: parsing, defaults, later lines win. */
#include <unistd.h>

#include "conf.h"
#include "tap.h"

static char *
write_tmp(const char *content)
{
	static char	path[64];
	int		fd;

	strcpy(path, "/tmp/guichet-conf-XXXXXX");
	fd = mkstemp(path);
	(void)!write(fd, content, strlen(content));
	close(fd);
	return path;
}

int
main(void)
{
	char	*path;

	path = write_tmp("# comment\n\ndb.conninfo = host=/x dbname=g\n"
	    "  fastcgi.workers=3  \nlimits.form_max = 12\n"
	    "fastcgi.workers = 5\nbad.int = 12x\nempty =\n");
	ok(conf_load(path) == GERR_OK, "loads");
	is_str(conf_get("db.conninfo", NULL), "host=/x dbname=g",
	    "value keeps inner spaces and '='");
	is_int(conf_get_int("fastcgi.workers", 0), 5, "a later line wins");
	is_int(conf_get_int("limits.form_max", 0), 12, "int");
	is_int(conf_get_int("bad.int", 7), 7, "a bad int falls back");
	is_int(conf_get_int("missing", 9), 9, "default for a missing key");
	is_str(conf_get("empty", "x"), "", "an empty value is a value");
	is_str(conf_path(), path, "path remembered");
	unlink(path);
	conf_free();
	ok(conf_get("db.conninfo", NULL) == NULL, "free forgets");

	path = write_tmp("no equals sign here\n");
	ok(conf_load(path) == GERR_INPUT, "a line without '=' is an error");
	unlink(path);
	conf_free();
	ok(conf_load("/nonexistent/guichet.conf") == GERR_SYSTEM,
	    "a missing file is an error");
	conf_free();
	return tap_done();
}
