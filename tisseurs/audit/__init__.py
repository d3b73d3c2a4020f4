"""The audit trail: who read or exported residents' data or money files, and who
signed in, failed to or signed out. One model (`AuditEntry`), one function
(`audit_log`), a page for direction, and `purge_audit` for the retention period."""
