-- Accounts: email verification and change, password reset, 2FA recovery
-- codes, and login throttling per address.

-- A single-use link sent by email. Only a hash of the token is stored.
CREATE TABLE email_tokens (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  purpose TEXT NOT NULL CHECK (purpose IN ('verify_account', 'change_email1', 'change_email2', 'reset_password')),
  email TEXT NOT NULL,                        -- the address the link was sent to
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);
CREATE INDEX email_tokens_user ON email_tokens(user_id, purpose);

CREATE TABLE recovery_codes (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  used_at INTEGER
);
CREATE INDEX recovery_codes_user ON recovery_codes(user_id);

-- Failed sign-in attempts per client address (accounts keep theirs in users).
CREATE TABLE login_throttle (
  address TEXT PRIMARY KEY,
  failures INTEGER NOT NULL DEFAULT 0,
  last_failure_at INTEGER NOT NULL,
  locked_until INTEGER
);

ALTER TABLE users ADD COLUMN totp_pending_secret TEXT;
