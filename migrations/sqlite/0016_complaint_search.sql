-- Search finds public complaints (issue 21), so that a resident can see
-- whether a problem was already reported before filing it again. Only
-- public complaints are indexed (never private ones); a hidden complaint
-- leaves the index, and a redaction replaces its words. The rowid is the
-- complaint's id.
CREATE VIRTUAL TABLE complaint_search USING fts5(doc, tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO complaint_search (rowid, doc)
SELECT id, title || ' ' || body_src FROM complaints WHERE private = 0 AND hidden_at IS NULL;
