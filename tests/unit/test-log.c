/* Unit tests of lib/log.c: every line is one valid JSON object. */
#include <fcntl.h>
#include <jansson.h>
#include <sys/wait.h>
#include <unistd.h>

#include "log.h"
#include "tap.h"

static json_t *
last_line(const char *path)
{
	FILE		*f = fopen(path, "r");
	char		 line[4096], last[4096] = "";
	json_error_t	 err;

	while (f != NULL && fgets(line, sizeof(line), f) != NULL)
		strcpy(last, line);
	if (f != NULL)
		fclose(f);
	return json_loads(last, 0, &err);
}

int
main(void)
{
	char		 path[] = "/tmp/guichet-log-XXXXXX";
	json_t		*j;
	struct pool	*p = pool_new(4096);
	struct buf	 b;
	int		 fd, saved = dup(STDERR_FILENO);

	fd = mkstemp(path);
	close(fd);
	log_init("test-log", path);

	log_warnx("a \"quoted\"\nmessage\twith\\controls\x01");
	j = last_line(path);
	ok(j != NULL, "warning line is valid JSON");
	is_str(json_string_value(json_object_get(j, "msg")),
	    "a \"quoted\"\nmessage\twith\\controls\x01", "message round-trips");
	is_str(json_string_value(json_object_get(j, "prog")), "test-log",
	    "program name");
	is_str(json_string_value(json_object_get(j, "level")), "warn", "level");
	json_decref(j);

	log_request("abc123", "GET", "/help/articles/:slug", 200, 1.25, 512);
	j = last_line(path);
	ok(j != NULL, "request line is valid JSON");
	is_str(json_string_value(json_object_get(j, "route")),
	    "/help/articles/:slug", "route, not the path");
	is_int(json_integer_value(json_object_get(j, "status")), 200, "status");
	ok(json_real_value(json_object_get(j, "ms")) > 1.2, "duration");
	is_int(json_integer_value(json_object_get(j, "bytes")), 512, "bytes");
	is_int(json_integer_value(json_object_get(j, "pid")), (long long)getpid(),
	    "the process's pid");
	json_decref(j);
	/* the method is the client's: a 405 logs whatever it sent */
	log_request("abc", "G\"E\nT\\", "-", 405, 1, 0);
	j = last_line(path);
	ok(j != NULL, "a method with quotes and a newline: still valid JSON");
	is_str(json_string_value(json_object_get(j, "method")), "G\"E\nT\\",
	    "the method round-trips");
	json_decref(j);
	log_request("abc", "PROPFINDPROPFINDPROPFINDPROPFINDPROPFINDPROPFIND"
	    "PROPFINDPROPFIND\"\"\"", "-", 405, 1, 0);
	j = last_line(path);
	ok(j != NULL, "a long method is cut, never in an escape");
	json_decref(j);
	/* a forked worker logs its own pid, not its master's */
	{
		pid_t	child = fork();
		int	st;

		if (child == 0) {
			log_request("c", "GET", "/child", 200, 1, 1);
			_exit(0);
		}
		waitpid(child, &st, 0);
		j = last_line(path);
		is_int(json_integer_value(json_object_get(j, "pid")),
		    (long long)child, "a child's lines carry the child's pid");
		json_decref(j);
	}

	/* the request's traceparent on every line until it ends */
	log_trace_set("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
	log_warnx("during the request");
	j = last_line(path);
	is_str(json_string_value(json_object_get(j, "trace")),
	    "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
	    "a warning carries the request's traceparent");
	json_decref(j);
	log_request("abc", "GET", "/x", 200, 1, 1);
	j = last_line(path);
	ok(json_object_get(j, "trace") != NULL, "and so does its access line");
	json_decref(j);
	log_trace_set(NULL);
	log_warnx("between requests");
	j = last_line(path);
	ok(j != NULL && json_object_get(j, "trace") == NULL,
	    "no trace between requests");
	json_decref(j);
	{
		static const char *const bad[] = {
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0",
			"01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
			"00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
			"00-00000000000000000000000000000000-00f067aa0ba902b7-01",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\"x",
			"00-4bf92f3577b34da6a3ce929d0e0e473\"-00f067aa0ba902b7-01",
			"",
		};
		size_t	i, refused = 0;

		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
			refused += log_traceparent_valid(bad[i]) == NULL;
		is_int(refused, 8, "malformed traceparents are refused");
		log_trace_set(bad[6]);
		ok(log_trace() == NULL, "and never logged");
	}

	{
		/* --access-log: the access lines apart, the rest where it was */
		char	 apath[] = "/tmp/test-log-access.XXXXXX";
		int	 afd = mkstemp(apath);

		close(afd);
		ok(log_access_init(apath) == 0, "an access log of its own");
		log_request("acc", "GET", "/apart", 200, 1, 1);
		log_warnx("a warning stays");
		j = last_line(apath);
		is_str(json_string_value(json_object_get(j, "route")), "/apart",
		    "the access line goes to it");
		json_decref(j);
		j = last_line(path);
		is_str(json_string_value(json_object_get(j, "msg")),
		    "a warning stays", "and the other lines do not");
		json_decref(j);
		unlink(apath);
		log_reopen();	/* logrotate moved it: SIGHUP makes it again */
		log_request("acc", "GET", "/again", 200, 1, 1);
		j = last_line(apath);
		is_str(json_string_value(json_object_get(j, "route")), "/again",
		    "reopened at SIGHUP");
		json_decref(j);
		unlink(apath);
	}

	buf_init(&b, p);
	json_escape(&b, "é\"\\\n\x1f");
	is_str(buf_cstr(&b), "é\\\"\\\\\\n\\u001f", "json_escape");

	dup2(saved, STDERR_FILENO);
	unlink(path);
	pool_free(p);
	return tap_done();
}
