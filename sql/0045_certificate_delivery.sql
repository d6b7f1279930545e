-- Certificates delivered (issue 18): by post, the agents' worklist marks
-- each one posted on a day, which its person sees; by email, the PDF is
-- sent to the account's verified address through the outbox, and the
-- request says when the mail server took it.
ALTER TABLE certificate_requests
	DROP CONSTRAINT certificate_requests_delivery_check,
	ADD CONSTRAINT certificate_requests_delivery_check
		CHECK (delivery IN ('vault', 'post', 'email')),
	ADD COLUMN posted_on date,		-- the day it went to the post
	ADD COLUMN posted_by bigint REFERENCES agents,
	ADD COLUMN posted_at timestamptz,	-- when that was recorded
	ADD CONSTRAINT certificate_requests_posted_check
		CHECK (num_nulls(posted_on, posted_by, posted_at) IN (0, 3)
		   AND (posted_on IS NULL OR (delivery = 'post'
		   AND status = 'issued'))),
	ADD COLUMN emailed_at timestamptz,	-- the mail server took it
	ADD CONSTRAINT certificate_requests_emailed_check
		CHECK (emailed_at IS NULL OR delivery = 'email');

-- The worklist: issued by post, not yet posted, oldest first.
CREATE INDEX certificate_requests_to_post_idx ON certificate_requests
	(issued_at, id) WHERE delivery = 'post' AND status = 'issued'
	AND posted_on IS NULL;

-- The outbox may carry a document for its mail: a certificate sent by
-- email names it (notification_outbox.payload->>'document' is only a
-- link's business); the worker reads the document by this column.
ALTER TABLE notification_outbox ADD COLUMN document_id bigint
	REFERENCES documents;

-- A procedure retired in favour of what replaces it (the old RESIDENCE
-- procedure, whose closing letter said only "granted", by the RESIDENCE
-- certificate): offline for new dossiers, its public page sends to the
-- replacement, its dossiers stay as they are (guichet-admin procedure
-- retire CODE PATH; "online" brings it back).
ALTER TABLE procedures
	ADD COLUMN replaced_by text CHECK (replaced_by ~ '^/[A-Za-z0-9/_-]{1,200}$'),
	ADD CONSTRAINT procedures_retired_offline
		CHECK (replaced_by IS NULL OR NOT online);
