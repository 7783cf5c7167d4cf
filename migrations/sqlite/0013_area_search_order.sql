-- The area search (issue 19) lists matches by folded name, then depth, then
-- id. With id in the index too, a search that matches hundreds of areas
-- ("sukamaju") reads only the page it shows instead of every match before
-- sorting them (PostgreSQL keeps equal index keys in heap order, not by id).
DROP INDEX areas_search;
CREATE INDEX areas_search ON areas (search_key, depth, id);
