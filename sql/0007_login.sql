-- Logins by one-time code: a person known only by a confirmed email address.

ALTER TABLE persons ALTER COLUMN nrn DROP NOT NULL;
ALTER TABLE persons ADD CONSTRAINT persons_known_check
	CHECK (nrn IS NOT NULL OR email IS NOT NULL);
-- One email-only person per address; eID persons may share an address.
CREATE UNIQUE INDEX persons_email_only_uq ON persons (lower(email)) WHERE nrn IS NULL;

ALTER TABLE sessions ADD COLUMN method text NOT NULL DEFAULT 'eid'
	CHECK (method IN ('eid', 'email'));
