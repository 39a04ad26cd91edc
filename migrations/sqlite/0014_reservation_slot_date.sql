-- A person's standing (the no-show refusal, leaflet §6(4)) counts their
-- confirmed bookings up to today. With the day only on the slot, every
-- confirmed booking of the 求職番号 (future ones too) cost a slot lookup on
-- every online booking. The reservation now carries its slot's day, set with
-- slot_id on insert and on a move (store/reservations.cpp; the service never
-- changes a slot's day), so the index reaches only the bookings that can count. (SQLite
-- cannot add a NOT NULL column without a default; PostgreSQL has it NOT NULL.)
ALTER TABLE reservations ADD COLUMN slot_date TEXT;
UPDATE reservations SET slot_date = (SELECT s.slot_date FROM slots s WHERE s.id = reservations.slot_id);
DROP INDEX reservations_job_seeker;
CREATE INDEX reservations_job_seeker ON reservations(job_seeker_number, status, slot_date, procedure_id);
-- Should a slot's day ever be rewritten (by hand, or by a test travelling in
-- time), its reservations follow.
CREATE TRIGGER slots_day_to_reservations AFTER UPDATE OF slot_date ON slots
BEGIN
  UPDATE reservations SET slot_date = NEW.slot_date WHERE slot_id = NEW.id;
END;
