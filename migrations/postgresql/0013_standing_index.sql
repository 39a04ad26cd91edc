-- A person's standing (the no-show refusal, leaflet §6(4)) is read on every
-- online booking: by 求職番号, then status, office (through the procedure)
-- and the slot's day. The index carries all of them but the day, so the
-- bookings that cannot count are passed over without reading their rows.
DROP INDEX reservations_job_seeker_number;
CREATE INDEX reservations_job_seeker ON reservations(job_seeker_number, status, procedure_id, slot_id);
