/* Reading the structure of a PDF (untrusted bytes): xref, trailer, objects, signatures. */
#ifndef GUICHET_PDFREAD_H
#define GUICHET_PDFREAD_H

#include <stddef.h>

/* Some bytes of the file: a value's text, a dictionary "<< ... >>". */
struct pdfspan {
	const char	*p;
	size_t		 n;
};

struct pdfread {
	const char	*pdf;
	size_t		 len;
	size_t		 startxref;	/* the newest xref section */
	struct pdfspan	 trailer;	/* its trailer dictionary */
	long		 size;		/* the trailer's /Size */
	long		 root, root_gen;	/* the catalog */
};

/*
 * The file's last revision, if it has a classic xref table (not an xref
 * stream) and a catalog; 0, or -1 if it is not a PDF we can update.
 */
int	pdfread_open(struct pdfread *, const char *pdf, size_t len);
/* The dictionary of object num, as the newest revision has it; 0 or -1. */
int	pdfread_object(const struct pdfread *, long num, long *gen,
	    struct pdfspan *dict);
/* The first page: its object number, generation and dictionary. */
int	pdfread_first_page(const struct pdfread *, long *num, long *gen,
	    struct pdfspan *dict);

/* The value of key ("/Root") in a dictionary, at its top level; 0 or -1. */
int	pdfdict_get(struct pdfspan dict, const char *key, struct pdfspan *);
/* Calls fn for each key and value of a dictionary; -1 if it is malformed. */
int	pdfdict_each(struct pdfspan dict,
	    void (*fn)(struct pdfspan key, struct pdfspan value, void *),
	    void *arg);
int	pdfspan_ref(struct pdfspan, long *num, long *gen);
int	pdfspan_int(struct pdfspan, long *);
int	pdfspan_is(struct pdfspan, const char *);

/*
 * A signature as its dictionary places it: /ByteRange [0 a b c] says
 * the bytes signed are [0, a) and [b, b + c), and between them lies
 * /Contents, the CMS in hexadecimal, decoded here into der (whose
 * trailing zeros are the room left unused).
 */
struct pdfsig {
	size_t		 range[4];
	unsigned char	*der;		/* malloc'd by the caller's function */
	size_t		 derlen;
	int		 whole;		/* the ranges cover the file but /Contents */
};
/*
 * Each signature of the file, in the order found, to fn (der in a
 * buffer that fn must not keep), the first 16 only; the number found.  A /ByteRange that
 * does not frame a hexadecimal string exactly is no signature.
 */
int	pdfread_signatures(const char *pdf, size_t len,
	    void (*fn)(const struct pdfsig *, void *), void *arg);

#endif
