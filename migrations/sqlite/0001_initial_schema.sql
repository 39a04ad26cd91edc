-- yoyaku initial schema (SQLite).
-- Conventions shared with migrations/postgresql: timestamps are Unix seconds
-- (INTEGER), calendar dates are 'YYYY-MM-DD' text, times of day are minutes
-- after midnight JST, booleans are 0/1.

CREATE TABLE offices (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,                 -- 安定所番号, five digits
  code_is_demo INTEGER NOT NULL DEFAULT 1 CHECK (code_is_demo IN (0, 1)),
  name TEXT NOT NULL,                        -- ハローワーク品川
  short_name TEXT NOT NULL,                  -- 品川
  reading TEXT NOT NULL,                     -- しながわ
  kind TEXT NOT NULL CHECK (kind IN ('本所', '出張所', '分室')),
  parent_id INTEGER REFERENCES offices(id),
  pref_code TEXT NOT NULL CHECK (length(pref_code) = 2),
  pref_name TEXT NOT NULL,
  municipalities TEXT NOT NULL DEFAULT '',   -- space separated
  muni_codes TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (pref_code, name)
);

CREATE TABLE office_closures (
  office_id INTEGER NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
  closed_on TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (office_id, closed_on)
);

CREATE TABLE facilities (
  id INTEGER PRIMARY KEY,
  office_id INTEGER NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  opening_hours TEXT NOT NULL DEFAULT '',
  map_url TEXT NOT NULL DEFAULT '',
  UNIQUE (office_id, name)
);

CREATE TABLE procedures (
  id INTEGER PRIMARY KEY,
  office_id INTEGER NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('job_consultation', 'unemployment_certification')),
  title TEXT NOT NULL,                       -- 【13040】ハローワーク品川（東京） 職業相談 面談予約
  description TEXT NOT NULL DEFAULT '',
  terms TEXT NOT NULL DEFAULT '',
  contact_name TEXT NOT NULL DEFAULT '',
  contact_phone TEXT NOT NULL DEFAULT '',
  contact_fax TEXT NOT NULL DEFAULT '',
  contact_email TEXT NOT NULL DEFAULT '',
  reception_start_at INTEGER NOT NULL,       -- 受付開始
  reception_end_at INTEGER,                  -- 受付終了; NULL means 随時
  booking_opens_days_before INTEGER NOT NULL DEFAULT 92 CHECK (booking_opens_days_before >= 1),
  booking_closes_days_before INTEGER NOT NULL DEFAULT 1 CHECK (booking_closes_days_before >= 0),
  change_deadline_days_before INTEGER NOT NULL DEFAULT 2 CHECK (change_deadline_days_before >= 0),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (office_id, kind)
);

-- A repeating pattern of slots at one facility: weekdays, start times, seats.
CREATE TABLE reservation_frames (
  id INTEGER PRIMARY KEY,
  procedure_id INTEGER NOT NULL REFERENCES procedures(id) ON DELETE CASCADE,
  facility_id INTEGER NOT NULL REFERENCES facilities(id) ON DELETE CASCADE,
  name TEXT NOT NULL,                        -- オンライン職業相談
  weekdays INTEGER NOT NULL DEFAULT 62,      -- bit 0 = Sunday … bit 6 = Saturday; 62 = Mon–Fri
  first_start_minute INTEGER NOT NULL CHECK (first_start_minute BETWEEN 0 AND 1439),
  last_start_minute INTEGER NOT NULL CHECK (last_start_minute BETWEEN 0 AND 1439),
  interval_minutes INTEGER NOT NULL CHECK (interval_minutes > 0),
  slot_minutes INTEGER NOT NULL CHECK (slot_minutes > 0),
  seats INTEGER NOT NULL CHECK (seats > 0),
  valid_from TEXT,
  valid_until TEXT,
  UNIQUE (procedure_id, facility_id, name),
  CHECK (last_start_minute >= first_start_minute)
);

-- One bookable time on one day. Rows are created on first use; `taken`
-- counts live holds plus reservations and can never exceed `capacity`.
CREATE TABLE slots (
  id INTEGER PRIMARY KEY,
  frame_id INTEGER NOT NULL REFERENCES reservation_frames(id) ON DELETE CASCADE,
  slot_date TEXT NOT NULL,
  start_minute INTEGER NOT NULL,
  end_minute INTEGER NOT NULL,
  capacity INTEGER NOT NULL CHECK (capacity >= 0),
  taken INTEGER NOT NULL DEFAULT 0 CHECK (taken >= 0 AND taken <= capacity),
  UNIQUE (frame_id, slot_date, start_minute)
);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email1 TEXT NOT NULL UNIQUE,               -- stored lower-cased
  email2 TEXT,
  password_hash TEXT NOT NULL,
  family_name TEXT NOT NULL,
  given_name TEXT NOT NULL,
  job_seeker_number TEXT NOT NULL,           -- NNNNN-NNNNNNNN
  phone TEXT NOT NULL,
  email_verified_at INTEGER,
  totp_secret TEXT,
  totp_enabled INTEGER NOT NULL DEFAULT 0 CHECK (totp_enabled IN (0, 1)),
  totp_last_step INTEGER,
  color_scheme TEXT NOT NULL DEFAULT 'standard',
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER,
  online_booking_refused INTEGER NOT NULL DEFAULT 0 CHECK (online_booking_refused IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE staff (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  display_name TEXT NOT NULL DEFAULT '',
  is_admin INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1)),
  totp_secret TEXT,
  totp_enabled INTEGER NOT NULL DEFAULT 0 CHECK (totp_enabled IN (0, 1)),
  totp_last_step INTEGER,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE staff_offices (
  staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  office_id INTEGER NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
  PRIMARY KEY (staff_id, office_id)
);

-- Server-side login sessions; only a hash of the token is stored.
CREATE TABLE login_sessions (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id INTEGER REFERENCES users(id) ON DELETE CASCADE,
  staff_id INTEGER REFERENCES staff(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  second_factor_done INTEGER NOT NULL DEFAULT 0 CHECK (second_factor_done IN (0, 1)),
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  idle_expires_at INTEGER NOT NULL,
  absolute_expires_at INTEGER NOT NULL,
  ended_at INTEGER,
  ip TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT '',
  CHECK ((user_id IS NULL) <> (staff_id IS NULL))
);
CREATE INDEX login_sessions_user ON login_sessions(user_id);
CREATE INDEX login_sessions_staff ON login_sessions(staff_id);

-- A provisional 60-minute hold (仮押さえ) on one seat of a slot. A hold is
-- live while released_at IS NULL and expires_at is in the future.
CREATE TABLE holds (
  id INTEGER PRIMARY KEY,
  public_id TEXT NOT NULL UNIQUE,
  slot_id INTEGER NOT NULL REFERENCES slots(id),
  procedure_id INTEGER NOT NULL REFERENCES procedures(id),
  user_id INTEGER REFERENCES users(id),
  staff_id INTEGER REFERENCES staff(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  released_at INTEGER,
  release_reason TEXT                         -- cancelled / expired / confirmed / changed
);
CREATE INDEX holds_slot ON holds(slot_id, released_at);
CREATE INDEX holds_user ON holds(user_id, procedure_id, released_at);

CREATE TABLE reservations (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,               -- yyyymmdd-NNNNNN
  user_id INTEGER REFERENCES users(id),
  procedure_id INTEGER NOT NULL REFERENCES procedures(id),
  slot_id INTEGER NOT NULL REFERENCES slots(id),
  status TEXT NOT NULL CHECK (status IN ('confirmed', 'withdrawn', 'attended', 'no_show')),
  family_name TEXT NOT NULL,
  given_name TEXT NOT NULL,
  job_seeker_number TEXT NOT NULL,
  phone TEXT NOT NULL DEFAULT '',
  topics TEXT NOT NULL DEFAULT '',           -- comma separated topic codes
  staff_note TEXT NOT NULL DEFAULT '',
  booked_by_staff_id INTEGER REFERENCES staff(id),
  applied_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  withdrawn_at INTEGER,
  withdrawal_reason TEXT,
  meeting_id TEXT,
  meeting_passcode TEXT,
  meeting_url TEXT,
  attendance_recorded_at INTEGER
);
CREATE INDEX reservations_user ON reservations(user_id, applied_at);
CREATE INDEX reservations_slot ON reservations(slot_id, status);
CREATE INDEX reservations_procedure ON reservations(procedure_id, applied_at);

CREATE TABLE reservation_history (
  id INTEGER PRIMARY KEY,
  reservation_id INTEGER NOT NULL REFERENCES reservations(id) ON DELETE CASCADE,
  action TEXT NOT NULL CHECK (action IN ('apply', 'modify', 'withdraw', 'meeting', 'attended', 'no_show')),
  at INTEGER NOT NULL,
  actor_user_id INTEGER REFERENCES users(id),
  actor_staff_id INTEGER REFERENCES staff(id),
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX reservation_history_reservation ON reservation_history(reservation_id, at);

-- The daily sequence behind reservation numbers, bumped in the booking transaction.
CREATE TABLE reservation_number_counters (
  day TEXT PRIMARY KEY,                      -- yyyymmdd (JST)
  last_value INTEGER NOT NULL CHECK (last_value >= 0)
);

-- Transactional outbox: rows are written with the change they report and
-- delivered by a background sender.
CREATE TABLE email_outbox (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  recipients TEXT NOT NULL,                  -- comma separated
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  message_id TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  claimed_by TEXT,
  claimed_until INTEGER,
  created_at INTEGER NOT NULL,
  sent_at INTEGER,
  last_response TEXT
);
CREATE INDEX email_outbox_due ON email_outbox(status, next_attempt_at);

CREATE TABLE notices (
  id INTEGER PRIMARY KEY,
  office_id INTEGER REFERENCES offices(id) ON DELETE CASCADE,   -- NULL: everyone
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  published_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX notices_published ON notices(published_at);

-- Append-only record of staff actions and personal-data access (leaflet §7).
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor_kind TEXT NOT NULL CHECK (actor_kind IN ('user', 'staff', 'system', 'anonymous')),
  actor_id INTEGER,
  action TEXT NOT NULL,
  target_kind TEXT NOT NULL DEFAULT '',
  target_id TEXT NOT NULL DEFAULT '',
  office_id INTEGER,
  ip TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_office ON audit_log(office_id, at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
