-- Every listed thread in each of the forum lists' orders, whatever its
-- area: the sub-area switch of a big area (a city, a province) picks its
-- page from the newest of them rather than sorting all of its threads.
CREATE INDEX threads_listed_activity ON threads (last_post_at, id) WHERE proposal_id IS NULL AND hidden_at IS NULL;
CREATE INDEX threads_listed_new ON threads (id) WHERE proposal_id IS NULL AND hidden_at IS NULL;
CREATE INDEX threads_listed_replies ON threads (reply_count, id) WHERE proposal_id IS NULL AND hidden_at IS NULL;
