-- The help centre: FAQ themes and articles in four languages, and questions to the helpdesk.

-- Full-text search configuration for each of our languages.
CREATE FUNCTION lang_regconfig(lang_code) RETURNS regconfig
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT CASE $1
		WHEN 'fr' THEN 'pg_catalog.french'
		WHEN 'nl' THEN 'pg_catalog.dutch'
		WHEN 'de' THEN 'pg_catalog.german'
		ELSE 'pg_catalog.english' END::regconfig
$$;

CREATE TABLE faq_themes (
	code		text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9-]{1,39}$'),
	position	integer NOT NULL UNIQUE
);

CREATE TABLE faq_theme_texts (
	theme_code	text NOT NULL REFERENCES faq_themes ON DELETE CASCADE,
	lang		lang_code NOT NULL,
	title		text NOT NULL,
	intro		text NOT NULL DEFAULT '',
	PRIMARY KEY (theme_code, lang)
);

-- One article, one slug, in several languages: switching language stays on it.
CREATE TABLE faq_articles (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	slug		text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	theme_code	text NOT NULL REFERENCES faq_themes,
	position	integer NOT NULL DEFAULT 0,
	updated_at	timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX faq_articles_theme_idx ON faq_articles (theme_code, position);

CREATE TABLE faq_article_texts (
	article_id	bigint NOT NULL REFERENCES faq_articles ON DELETE CASCADE,
	lang		lang_code NOT NULL,
	title		text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
	summary		text NOT NULL,
	body		text NOT NULL,
	search		tsvector GENERATED ALWAYS AS (
		setweight(to_tsvector(lang_regconfig(lang), title), 'A') ||
		setweight(to_tsvector(lang_regconfig(lang), summary), 'B') ||
		setweight(to_tsvector(lang_regconfig(lang), body), 'C')) STORED,
	PRIMARY KEY (article_id, lang)
);
CREATE INDEX faq_article_texts_search_idx ON faq_article_texts USING gin (search);

CREATE TABLE helpdesk_questions (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	created_at	timestamptz NOT NULL DEFAULT now(),
	lang		lang_code NOT NULL,
	theme_code	text REFERENCES faq_themes,
	name		text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	email		text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
	subject		text NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
	body		text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
	person_id	bigint REFERENCES persons,
	handled_at	timestamptz
);
CREATE INDEX helpdesk_questions_open_idx ON helpdesk_questions (created_at) WHERE handled_at IS NULL;
