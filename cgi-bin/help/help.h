/* The help centre: FAQ by theme, full-text search, contact form. */
#ifndef GUICHET_HELP_H
#define GUICHET_HELP_H

#include "app.h"

enum gerr	page_index(struct req *);
enum gerr	page_theme(struct req *);
enum gerr	page_article(struct req *);
enum gerr	page_search(struct req *);
enum gerr	page_contact(struct req *);
enum gerr	page_contact_post(struct req *);
enum gerr	page_contact_sent(struct req *);
enum gerr	help_themes_menu(struct req *);

/* questions.c: the asker's questions and the answers */
enum gerr	page_questions(struct req *);
enum gerr	page_question(struct req *);

/* legal.c: privacy, accessibility, legal notice */
enum gerr	page_privacy(struct req *);
enum gerr	page_accessibility(struct req *);
enum gerr	page_legal_notice(struct req *);

#endif
