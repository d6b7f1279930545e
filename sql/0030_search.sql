-- Searches that ignore accents and case (issue 17): "velo" finds "vélo",
-- "elise" finds "Élise", in the catalogue, the help centre and the inbox.
--
-- unaccent is a contrib extension shipped with Debian's postgresql
-- package, and trusted: whoever may create objects in the database (the
-- owner, who migrates) may create it, no superuser needed.
CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;

-- Text as searches compare it: without accents (é → e, Œ → OE, ß → ss,
-- Ł → L), in lower case.  unaccent() is only STABLE (its dictionary
-- could be changed), so it cannot be indexed; this wrapper names the
-- dictionary itself, is bound to it when created (a body in SQL, not a
-- string), and promises what indexes need: the same text, the same
-- result.  Changing unaccent's rules means rebuilding the indexes below.
CREATE FUNCTION search_fold(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN lower(public.unaccent('public.unaccent'::regdictionary, $1));

-- How agents read a person: the names, or, for someone known by a
-- confirmed address alone (logged in by email code, no national number,
-- no names), the address; NULL for nobody (an outer join's missing row).
-- One rule for every page that names an applicant.
CREATE FUNCTION person_label(given_names text, surname text, email text)
RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN coalesce(nullif(trim(given_names || ' ' || surname), ''), email);

-- --- The inbox's search by name (cgi-bin/inbox/queue.c) ---------------------
-- The prefix indexes of 0017, on folded text: "elise" and "ÉLISE" read
-- the same range of them as "Élise".  text_pattern_ops compares bytes,
-- so a prefix is a range under any collation.
DROP INDEX persons_surname_prefix_idx;
DROP INDEX persons_fullname_prefix_idx;
DROP INDEX organisations_name_prefix_idx;
CREATE INDEX persons_surname_fold_idx ON persons
	(search_fold(surname) text_pattern_ops);
CREATE INDEX persons_fullname_fold_idx ON persons
	(search_fold(given_names || ' ' || surname) text_pattern_ops);
CREATE INDEX organisations_name_fold_idx ON organisations
	(search_fold(name) text_pattern_ops);
-- The start of an address: what an agent types with an "@", for anyone;
-- and, without, for a person known by address alone, whom the inbox
-- shows by it (a partial index, so the condition needs no second look).
CREATE INDEX persons_email_prefix_idx ON persons
	(lower(email) text_pattern_ops) WHERE email IS NOT NULL;
CREATE INDEX persons_nameless_email_idx ON persons
	(lower(email) text_pattern_ops)
	WHERE trim(given_names || ' ' || surname) = '';
-- "Starts with" as an exact range of those indexes: x ~>=~ p AND x ~<~
-- prefix_end(p).  Every string that starts with p sorts (bytewise, as
-- text_pattern_ops does) below p followed by the last code point,
-- U+10FFFF, a noncharacter no name holds.  Unlike LIKE 'p%', whose range
-- is only a first cut, no row is checked again (no function called on
-- each), and p needs no escaping.
CREATE FUNCTION prefix_end(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN $1 || chr(1114111);

-- --- The help centre's full-text search (cgi-bin/help/articles.c) -----------
-- Per language, a configuration that takes the accents off each word
-- before stemming it.  Stemmers lean on accents ("bloquée" and "bloqué"
-- share a stem, "bloquee" and "bloque" do not), so an article holds each
-- word twice at the same position: stemmed as written (lang_regconfig,
-- 0005) and stemmed without its accents; a query asks for either (see
-- search_query).  Typed with accents, a query finds what it found
-- before; typed without, it finds the words written with them.
DO $$
DECLARE
	l	text;
BEGIN
	FOREACH l IN ARRAY ARRAY['french', 'dutch', 'german', 'english'] LOOP
		EXECUTE format('CREATE TEXT SEARCH CONFIGURATION public.%I'
		    ' (COPY = pg_catalog.%I)', l || '_unaccent', l);
		EXECUTE format('ALTER TEXT SEARCH CONFIGURATION public.%I'
		    ' ALTER MAPPING FOR hword, hword_part, word'
		    ' WITH public.unaccent, pg_catalog.%I',
		    l || '_unaccent', l || '_stem');
	END LOOP;
END $$;

CREATE FUNCTION lang_unaccent_config(lang_code) RETURNS regconfig
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE $1
	WHEN 'fr' THEN 'public.french_unaccent'::regconfig
	WHEN 'nl' THEN 'public.dutch_unaccent'::regconfig
	WHEN 'de' THEN 'public.german_unaccent'::regconfig
	ELSE 'public.english_unaccent'::regconfig END;

-- A text's words both ways, at the same positions: the two vectors'
-- printed forms read as one, where a word stemmed alike both ways is
-- one lexeme (tsvector's own quoting, so any word survives the trip).
CREATE FUNCTION search_words(lang_code, text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN (to_tsvector(lang_unaccent_config($1), $2)::text || ' ' ||
	to_tsvector(lang_regconfig($1), $2)::text)::tsvector;

-- A search (websearch syntax) read both ways, either of them matching.
-- An expression of immutable functions, so PostgreSQL inlines it: a
-- body with a subquery would be planned again at every search (0.2 ms,
-- more than the search).  A search that reads alike both ways is asked
-- twice; the first results rank as they did (28 searches in four
-- languages, the same five first in the same order).
CREATE FUNCTION search_query(lang_code, text) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN websearch_to_tsquery(lang_unaccent_config($1), $2) ||
	websearch_to_tsquery(lang_regconfig($1), $2);

-- A generated column's expression cannot be altered in place (before
-- PostgreSQL 17): the column is made again, its index with it.
ALTER TABLE faq_article_texts DROP COLUMN search;
ALTER TABLE faq_article_texts ADD COLUMN search tsvector GENERATED ALWAYS AS (
	setweight(search_words(lang, title), 'A') ||
	setweight(search_words(lang, summary), 'B') ||
	setweight(search_words(lang, body), 'C')) STORED;
CREATE INDEX faq_article_texts_search_idx ON faq_article_texts USING gin (search);
