-- The eID login host hands the login over to the site with a ticket: one
-- use, one minute, only its hash stored.  The site then opens the session
-- and sets its own host-only cookie.

CREATE TABLE login_tickets (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	ticket_hash	bytea NOT NULL UNIQUE CHECK (length(ticket_hash) = 32),
	person_id	bigint NOT NULL REFERENCES persons,
	assurance	text NOT NULL CHECK (assurance IN ('low', 'high')),
	method		text NOT NULL CHECK (method IN ('eid', 'email')),
	return_to	text NOT NULL CHECK (return_to LIKE '/%'),
	created_at	timestamptz NOT NULL DEFAULT now(),
	expires_at	timestamptz NOT NULL DEFAULT now() + interval '1 minute',
	used_at		timestamptz
);
CREATE INDEX login_tickets_expires_idx ON login_tickets (expires_at) WHERE used_at IS NULL;
