-- Sessions opened at a public terminal (docs/kiosk.md): the server ends them
-- after the kiosk's short idle time (kiosk.idle_seconds), whatever the
-- browser does.  Opened through a kiosk's server block, never chosen by
-- the user.
ALTER TABLE sessions ADD COLUMN kiosk boolean NOT NULL DEFAULT false;
