-- Every read of a slot's seats counts the holds that have expired but are not
-- yet released, and every hold releases the expired ones of its slot: all of
-- them ask only for holds not released. The old index held every hold ever
-- made (a row per booking, growing for ever) and the expiry had to be read
-- from the table; this one holds only the live holds, with their expiry, so
-- the count is read from the index alone and a release takes the row out of
-- it instead of moving it.
DROP INDEX holds_slot;
CREATE INDEX holds_live_by_slot ON holds(slot_id, expires_at) WHERE released_at IS NULL;
