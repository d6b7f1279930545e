-- Reference data: Belgian postal codes with their localities (bpost's public list).

CREATE TABLE postal_codes (
	code		text NOT NULL CHECK (code ~ '^[1-9][0-9]{3}$'),
	locality	text NOT NULL,
	longitude	double precision,
	latitude	double precision,
	PRIMARY KEY (code, locality)
);
