-- A document's bytes are a PDF whose streams are already compressed, and
-- its seal is a signature: PostgreSQL's own compression of them (pglz,
-- tried on every insert of a value over 2 kB) costs time and saves
-- nothing.  Stored out of line, uncompressed.  The bench of certificates
-- (tests/bench/certificates, docs/benchmarks.md) found it among the costs
-- of an issue.
ALTER TABLE documents ALTER COLUMN content SET STORAGE EXTERNAL;
ALTER TABLE documents ALTER COLUMN seal SET STORAGE EXTERNAL;
