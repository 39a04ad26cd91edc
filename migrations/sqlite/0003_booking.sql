-- Booking: one live hold per user and procedure, terms agreement on the
-- hold, and what a user typed into the booking form (kept across a lapsed hold).

ALTER TABLE holds ADD COLUMN agreed_at INTEGER;

-- A user's holds are released before a new one is placed, so at most one
-- unreleased hold per procedure can exist.
CREATE UNIQUE INDEX holds_one_per_user_procedure ON holds(user_id, procedure_id) WHERE released_at IS NULL;

CREATE TABLE booking_drafts (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  procedure_id INTEGER NOT NULL REFERENCES procedures(id) ON DELETE CASCADE,
  data TEXT NOT NULL,                          -- JSON of the form fields
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, procedure_id)
);

CREATE INDEX slots_frame_date ON slots(frame_id, slot_date);
