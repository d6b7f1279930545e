/* JSON lines to stderr: one per request, plus warnings found along the way. */
#ifndef GUICHET_LOG_H
#define GUICHET_LOG_H

#include "pool.h"

void	log_init(const char *prog, const char *path);
void	log_reopen(void);
int	log_access_init(const char *path);
void	log_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_request(const char *rid, const char *method, const char *route,
	    int status, double ms, size_t bytes);
int	json_escape(struct buf *, const char *);
size_t	json_escape_to(const char *, char *, size_t);
const char *log_prog(void);
const char *log_traceparent_valid(const char *);
void	log_trace_set(const char *);
const char *log_trace(void);

#endif
