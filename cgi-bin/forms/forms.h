/* guichet-forms: the catalogue of procedures (the forms themselves follow). */
#ifndef GUICHET_FORMS_H
#define GUICHET_FORMS_H

#include "app.h"

enum gerr	page_catalogue(struct req *);
enum gerr	page_procedure(struct req *);

#endif
