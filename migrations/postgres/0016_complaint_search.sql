-- Search finds public complaints (issue 21), so that a resident can see
-- whether a problem was already reported before filing it again. Only
-- public complaints are indexed (never private ones); a hidden complaint
-- leaves the index, and a redaction replaces its words.
CREATE TABLE complaint_search (
    complaint_id BIGINT PRIMARY KEY REFERENCES complaints(id),
    doc TEXT NOT NULL,
    tsv tsvector GENERATED ALWAYS AS (to_tsvector('indonesian', doc)) STORED
);
CREATE INDEX complaint_search_tsv ON complaint_search USING GIN (tsv);
INSERT INTO complaint_search (complaint_id, doc)
SELECT id, title || ' ' || body_src FROM complaints WHERE private = 0 AND hidden_at IS NULL;
