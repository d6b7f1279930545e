/*
 * libFuzzer target: webhook URLs as applications send them (the syntax
 * check, before any name is resolved), and the public-address test on
 * any IPv4 or IPv6 address.  A URL accepted must give a host and a port
 * in range; an address in 127/8 or ::1 must never pass as public.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "webhook.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sockaddr_in	 v4;
	struct sockaddr_in6	 v6;
	char			*url, *host;
	long			 port;
	int			 https;

	if (size >= 16) {
		memset(&v6, 0, sizeof(v6));
		v6.sin6_family = AF_INET6;
		memcpy(&v6.sin6_addr, data, 16);
		if (IN6_IS_ADDR_LOOPBACK(&v6.sin6_addr) &&
		    addr_public((struct sockaddr *)&v6))
			__builtin_trap();
	}
	if (size >= 4) {
		memset(&v4, 0, sizeof(v4));
		v4.sin_family = AF_INET;
		memcpy(&v4.sin_addr, data, 4);
		if (data[0] == 127 && addr_public((struct sockaddr *)&v4))
			__builtin_trap();
	}
	if ((url = malloc(size + 1)) == NULL)
		return 0;
	memcpy(url, data, size);
	url[size] = '\0';
	if (webhook_url_syntax(url, &host, &port, &https)) {
		if (host == NULL || port < 1 || port > 65535)
			__builtin_trap();
		free(host);
	}
	free(url);
	return 0;
}
