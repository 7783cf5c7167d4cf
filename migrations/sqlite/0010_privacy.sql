-- Privacy (issue 17).
--
-- Public activity no longer lists sign-ups: "<name> joined <village> 13.13"
-- next to an anonymous complaint from that village at 13.15 names its
-- complainant. The rows were only ever shown, never counted.
DELETE FROM activity WHERE kind = 'joined';

-- Search holds only what the public may read: posts of a hidden thread or
-- of a hidden (or merged) proposal, and hidden or deleted posts, leave the
-- index (they come back when restored).
DELETE FROM post_search WHERE rowid IN (
    SELECT p.id FROM posts p JOIN threads t ON t.id = p.thread_id
    LEFT JOIN proposals r ON r.id = t.proposal_id
    WHERE p.hidden_at IS NOT NULL OR p.deleted_at IS NOT NULL OR t.hidden_at IS NOT NULL OR r.hidden_at IS NOT NULL
);
