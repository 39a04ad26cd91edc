-- Failed sign-ins per account (by the e-mail address typed, known or not) and
-- client address: a lock that an outsider cannot put on everybody behind the
-- same proxy, and that looks the same for an address with no account.
CREATE TABLE login_failures (
  kind TEXT NOT NULL,            -- job_seeker / staff
  email TEXT NOT NULL,           -- as normalised
  address TEXT NOT NULL,         -- the client's address (X-Forwarded-For from a trusted proxy)
  failures INTEGER NOT NULL DEFAULT 0,
  last_failure_at INTEGER NOT NULL,
  locked_until INTEGER,
  PRIMARY KEY (kind, email, address)
);
CREATE INDEX login_failures_last ON login_failures(last_failure_at);
