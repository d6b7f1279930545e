/* Client certificates of business applications, known by their digest. */
#ifndef GUICHET_CERT_H
#define GUICHET_CERT_H

#include <stddef.h>

int	cert_fingerprint(const char *pem, size_t len, char hex[65]);
int	cert_fingerprint_escaped(const char *escaped, char hex[65]);

#endif
