/* Questions to the help desk: the key of the link that opens one. */
#ifndef GUICHET_HELPDESK_H
#define GUICHET_HELPDESK_H

#define HELPDESK_KEY_HEX	64

void	helpdesk_key(const char *reference, char hex[HELPDESK_KEY_HEX + 1]);
int	helpdesk_key_syntax(const char *key);

#endif
