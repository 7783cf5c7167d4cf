-- Per-area settings inherited downwards (issue 19).
--
-- An area's support threshold and response days (rules_here), and its
-- complaint deadlines (deadlines_here), are either set there (1) or taken
-- from the nearest area above that sets them (0), or the defaults. The values
-- in force stay on every row, so pages and filings read one row; setting an
-- area rewrites the areas below it that inherit from it, and no others.
ALTER TABLE areas ADD COLUMN rules_here BIGINT NOT NULL DEFAULT 0;
ALTER TABLE areas ADD COLUMN deadlines_here BIGINT NOT NULL DEFAULT 0;

-- Settings were copied down before: an area counts as set where its values
-- differ from those of the area above it (or from the defaults at the top).
UPDATE areas SET rules_here = 1 WHERE
    (parent_id IS NULL AND (support_threshold <> 20 OR response_days <> 10))
    OR EXISTS (SELECT 1 FROM areas p WHERE p.id = areas.parent_id
        AND (p.support_threshold <> areas.support_threshold OR p.response_days <> areas.response_days));
UPDATE areas SET deadlines_here = 1 WHERE
    (parent_id IS NULL AND (verify_days <> 3 OR followup_days <> 5 OR resolve_days <> 10))
    OR EXISTS (SELECT 1 FROM areas p WHERE p.id = areas.parent_id
        AND (p.verify_days <> areas.verify_days OR p.followup_days <> areas.followup_days
             OR p.resolve_days <> areas.resolve_days));
