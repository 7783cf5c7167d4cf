-- The officer desk (issue 21) lists everything an agency must act on,
-- complaints and proposals together, by the next deadline. A complaint's
-- next deadline depends on its state (verification while received, the
-- resolution once verified or in progress, none once resolved, closed or
-- rejected), so it is kept in a column of its own, set with every step,
-- and the desk reads one index range per agency instead of sorting rows.
ALTER TABLE complaints ADD COLUMN desk_due BIGINT;
UPDATE complaints SET desk_due = CASE state
    WHEN 'received' THEN verify_due
    WHEN 'verified' THEN resolve_due
    WHEN 'in_progress' THEN resolve_due
END;
CREATE INDEX complaints_desk ON complaints (agency_id, desk_due, id) WHERE desk_due IS NOT NULL;
-- An admin's desk spans every agency: read in deadline order, not sorted.
CREATE INDEX complaints_desk_all ON complaints (desk_due, id) WHERE desk_due IS NOT NULL;
CREATE INDEX proposals_awaiting_all ON proposals (due_at, id) WHERE awaiting_since IS NOT NULL;
-- An area's page lists the newest proposals and public complaints filed in
-- it (issue 21): one index range each.
CREATE INDEX proposals_area_new ON proposals (area_id, id);
CREATE INDEX complaints_area_new ON complaints (area_id, id);
