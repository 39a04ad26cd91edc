-- How long before an interview its Zoom link shows on the booking (per procedure).
ALTER TABLE procedures ADD COLUMN meeting_link_minutes_before BIGINT NOT NULL DEFAULT 15
  CHECK (meeting_link_minutes_before BETWEEN 0 AND 1440);
