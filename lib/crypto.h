/* The secret key, HMAC-SHA256 under it, SHA-256, randomness, hex. */
#ifndef GUICHET_CRYPTO_H
#define GUICHET_CRYPTO_H

#include <stddef.h>

#include "gerr.h"

enum gerr	secret_load(const char *path);
void		secret_mac_hex(const char *, size_t, char hex[65]);
void		hex_encode(const unsigned char *, size_t, char *);
int		random_hex(char *, size_t nbytes);
void		sha256_hex(const char *, char hex[65]);
void		sha256_bytes_hex(const void *, size_t, char hex[65]);

#endif
