-- Manual 1.1 STEP2 (the calendar taken 08/20 offers 08/22 first): a booking
-- window opens the day after tomorrow by default, and never before the change
-- deadline of its own first day — a booking is always changeable when made.
UPDATE procedures SET booking_closes_days_before = change_deadline_days_before
  WHERE booking_closes_days_before < change_deadline_days_before;
ALTER TABLE procedures ALTER COLUMN booking_closes_days_before SET DEFAULT 2;
ALTER TABLE procedures ADD CONSTRAINT procedures_window_after_deadline
  CHECK (booking_closes_days_before >= change_deadline_days_before
         AND booking_opens_days_before >= booking_closes_days_before);

-- Leaflet: 相談時間 1回30分, 対応時間 10:00～15:30. The demo frames' last
-- consultation starts at 15:00, not 15:30.
UPDATE reservation_frames SET last_start_minute = 900
  WHERE first_start_minute = 600 AND last_start_minute = 930 AND slot_minutes = 30 AND interval_minutes = 30;

-- オンライン職業相談等利用規約: the office-specific parts are values of the
-- procedure ({{court}}, {{terms_date}}, {{terms_issuer}} in its text), not edits of the text.
ALTER TABLE procedures ADD COLUMN terms_court TEXT NOT NULL DEFAULT '';
ALTER TABLE procedures ADD COLUMN terms_date TEXT NOT NULL DEFAULT '';
ALTER TABLE procedures ADD COLUMN terms_issuer TEXT NOT NULL DEFAULT '';
