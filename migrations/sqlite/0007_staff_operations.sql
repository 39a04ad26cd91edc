-- The office's day (leaflet ①–⑥, §6(4)): bookings taken by phone or at the
-- counter, the caller's address when they have no account, the meeting
-- details, and per office the no-show limit and the meeting-link template.
ALTER TABLE reservations ADD COLUMN channel TEXT NOT NULL DEFAULT 'online'
  CHECK (channel IN ('online', 'phone', 'counter'));
ALTER TABLE reservations ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE reservations ADD COLUMN meeting_sent_at INTEGER;
-- A person's bookings at an office (no-show counting, staff search).
CREATE INDEX reservations_job_seeker_number ON reservations(job_seeker_number, procedure_id);

-- Leaflet §6(4): after this many unannounced no-shows at the office, online
-- booking there is refused (staff can still book on the person's behalf).
ALTER TABLE offices ADD COLUMN no_show_limit INTEGER NOT NULL DEFAULT 2 CHECK (no_show_limit >= 1);
-- How a generated meeting's join URL is made: {meeting_id} and {passcode}
-- stand for the values; '' means https://zoom.us/j/{meeting_id}.
ALTER TABLE offices ADD COLUMN meeting_url_template TEXT NOT NULL DEFAULT '';

-- Staff lift or set the refusal with a reason; the newest row per office and
-- person is in force (older rows are the record of who did what).
CREATE TABLE online_booking_overrides (
  id INTEGER PRIMARY KEY,
  office_id INTEGER NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
  job_seeker_number TEXT NOT NULL,
  refused INTEGER NOT NULL CHECK (refused IN (0, 1)),
  reason TEXT NOT NULL,
  staff_id INTEGER REFERENCES staff(id),
  at INTEGER NOT NULL
);
CREATE INDEX online_booking_overrides_person ON online_booking_overrides(office_id, job_seeker_number, at);
