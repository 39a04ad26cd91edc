-- Running an office: contact data, closures by range and level, versioned
-- terms, scheduled notices, staff rights and disabling, and the reminder
-- the day before.

-- 所在地, the 職業相談 line when it differs from the main number, FAX, hours, map.
ALTER TABLE offices ADD COLUMN postal_code TEXT NOT NULL DEFAULT '';
ALTER TABLE offices ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE offices ADD COLUMN consultation_phone TEXT NOT NULL DEFAULT '';
ALTER TABLE offices ADD COLUMN fax TEXT NOT NULL DEFAULT '';
ALTER TABLE offices ADD COLUMN opening_hours TEXT NOT NULL DEFAULT '';
ALTER TABLE offices ADD COLUMN map_url TEXT NOT NULL DEFAULT '';

-- A closure covers the whole office, one facility, or one frame, for a date range.
CREATE TABLE closures (
  id INTEGER PRIMARY KEY,
  office_id INTEGER NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
  facility_id INTEGER REFERENCES facilities(id) ON DELETE CASCADE,
  frame_id INTEGER REFERENCES reservation_frames(id) ON DELETE CASCADE,
  from_date TEXT NOT NULL,
  to_date TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_by_staff_id INTEGER REFERENCES staff(id),
  created_at INTEGER NOT NULL,
  CHECK (to_date >= from_date)
);
CREATE INDEX closures_office ON closures(office_id, to_date);
INSERT INTO closures (office_id, from_date, to_date, reason, created_at)
  SELECT office_id, closed_on, closed_on, reason, 0 FROM office_closures;
DROP TABLE office_closures;

-- 利用規約, versioned per procedure: a booking records the version agreed to.
CREATE TABLE terms_versions (
  id INTEGER PRIMARY KEY,
  procedure_id INTEGER NOT NULL REFERENCES procedures(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  text TEXT NOT NULL,
  court TEXT NOT NULL DEFAULT '',
  terms_date TEXT NOT NULL DEFAULT '',
  issuer TEXT NOT NULL DEFAULT '',
  published_at INTEGER NOT NULL,
  published_by_staff_id INTEGER REFERENCES staff(id),
  UNIQUE (procedure_id, version)
);
INSERT INTO terms_versions (procedure_id, version, text, court, terms_date, issuer, published_at)
  SELECT id, 1, terms, terms_court, terms_date, terms_issuer, created_at FROM procedures;
ALTER TABLE reservations ADD COLUMN terms_version_id INTEGER REFERENCES terms_versions(id);
ALTER TABLE reservations ADD COLUMN terms_agreed_at INTEGER;

-- お知らせ shown from published_at until published_until (NULL: no end).
ALTER TABLE notices ADD COLUMN published_until INTEGER;
ALTER TABLE notices ADD COLUMN updated_at INTEGER;

-- Staff rights per office: 閲覧 (view), 予約操作 (operate), 管理 (manage).
ALTER TABLE staff_offices ADD COLUMN role TEXT NOT NULL DEFAULT 'operate'
  CHECK (role IN ('view', 'operate', 'manage'));
-- A disabled staff member cannot sign in; their sessions end at once.
ALTER TABLE staff ADD COLUMN disabled_at INTEGER;

-- 「ハローワーク：明日のオンライン職業相談のご案内」: queued once, decided here.
ALTER TABLE reservations ADD COLUMN reminder_queued_at INTEGER;
CREATE INDEX reservations_reminder ON reservations(status, reminder_queued_at);
