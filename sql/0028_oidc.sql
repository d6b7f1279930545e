-- OpenID Connect logins (FAS, itsme; cgi-bin/login/oidc.c).
--
-- An authorization request in flight is a row keyed by the hash of its
-- state: one use, ten minutes, bound to the browser by the hash of a
-- random cookie.  Its nonce and PKCE verifier are derived from the state
-- under the platform's secret, so no secret of the flow is stored.

CREATE TABLE oidc_requests (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	state_hash	bytea NOT NULL UNIQUE CHECK (length(state_hash) = 32),
	browser_hash	bytea NOT NULL CHECK (length(browser_hash) = 32),
	provider	text NOT NULL CHECK (provider ~ '^[a-z][a-z0-9_]{0,31}$'),
	level		text NOT NULL
			CHECK (level IN ('low', 'substantial', 'high')),
	return_to	text NOT NULL CHECK (return_to LIKE '/%'),
	created_at	timestamptz NOT NULL DEFAULT now(),
	expires_at	timestamptz NOT NULL DEFAULT now() + interval '10 minutes',
	used_at		timestamptz
);
CREATE INDEX oidc_requests_expires_idx ON oidc_requests (expires_at);

-- Which provider session a Guichet session came from: the ID token for
-- the end-session request (id_token_hint), the sid and sub a back-channel
-- logout names.  Gone with the session.
CREATE TABLE oidc_sessions (
	session_id	bigint PRIMARY KEY REFERENCES sessions ON DELETE CASCADE,
	provider	text NOT NULL,
	subject		text NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
	sid		text CHECK (length(sid) BETWEEN 1 AND 255),
	id_token	text NOT NULL,
	created_at	timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX oidc_sessions_sid_idx ON oidc_sessions (provider, sid)
	WHERE sid IS NOT NULL;
CREATE INDEX oidc_sessions_sub_idx ON oidc_sessions (provider, subject);

-- Logout tokens already acted on, by their jti, until they expire: a
-- replayed one is refused.
CREATE TABLE oidc_logout_tokens (
	provider	text NOT NULL,
	jti		text NOT NULL CHECK (length(jti) BETWEEN 1 AND 255),
	expires_at	timestamptz NOT NULL,
	PRIMARY KEY (provider, jti)
);
