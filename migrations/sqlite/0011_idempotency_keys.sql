-- Idempotency-Key of POST /api/v1/holds and /api/v1/reservations: written in
-- the booking's own transaction, so a client that lost the answer (a server
-- killed, a failover, a 503 during COMMIT) can send the request again and get
-- the same hold or reservation instead of a second one.
CREATE TABLE idempotency_keys (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  operation TEXT NOT NULL,       -- hold / reservation
  idempotency_key TEXT NOT NULL, -- as the client sent it
  fingerprint TEXT NOT NULL,     -- SHA-256 of the request body: a reused key with another body is refused
  resource TEXT NOT NULL,        -- the hold's public id / the reservation number
  created_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, operation, idempotency_key)
);
