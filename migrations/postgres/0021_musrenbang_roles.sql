-- A planner (Bappeda staff) is granted a kota or kabupaten, like a
-- moderator an area: they open its cycles and confirm their results.
ALTER TABLE user_roles DROP CONSTRAINT user_roles_role_check;
ALTER TABLE user_roles DROP CONSTRAINT user_roles_check1;
ALTER TABLE user_roles ADD CONSTRAINT user_roles_role_check
    CHECK (role IN ('officer', 'head', 'moderator', 'planner', 'admin'));
ALTER TABLE user_roles ADD CONSTRAINT user_roles_area_check
    CHECK ((role IN ('moderator', 'planner')) = (area_id IS NOT NULL));

-- Residents rate an usulan the plan accepted (SKM), as they rate a decided
-- proposal: the rating names the agency carrying it out.
ALTER TABLE ratings DROP CONSTRAINT ratings_subject_check;
ALTER TABLE ratings ADD CONSTRAINT ratings_subject_check CHECK (subject IN ('complaint', 'proposal', 'usulan'));

-- An usulan's discussion: a thread (left out of forum lists, like a
-- proposal's) whose opening post is the usulan.
ALTER TABLE threads ADD COLUMN usulan_id BIGINT REFERENCES usulan(id);
ALTER TABLE usulan ADD COLUMN thread_id BIGINT REFERENCES threads(id);

-- Its ratings, kept by the transaction that adds one (the page shows the
-- index, IKM, without reading them): how many, and the sum of all their
-- scores (the IKM weighs the nine elements equally).
ALTER TABLE usulan ADD COLUMN ratings BIGINT NOT NULL DEFAULT 0;
ALTER TABLE usulan ADD COLUMN rating_sum BIGINT NOT NULL DEFAULT 0;
