-- The audit log viewer (/staff/admin/audit) filters by staff member and by
-- booking; both were full scans. Office and date use audit_log_office and
-- audit_log_at (0001).
CREATE INDEX audit_log_actor ON audit_log(actor_kind, actor_id, id);
CREATE INDEX audit_log_target ON audit_log(target_kind, target_id, id);
