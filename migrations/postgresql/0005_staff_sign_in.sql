-- Staff sign in with a password and always a TOTP code: a staff member
-- without one enrols at the first sign-in, the new secret kept aside until a
-- code confirms it (as for job seekers).
ALTER TABLE staff ADD COLUMN totp_pending_secret TEXT;
CREATE INDEX staff_offices_office ON staff_offices(office_id);
