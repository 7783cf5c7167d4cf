-- A complainant can say that a resolved complaint is not fixed ("Belum
-- selesai", issue 21): it goes back to the agency, and the dashboard counts
-- how often that happened, per period and scope like its other figures.
ALTER TABLE dashboard_cells ADD COLUMN reopened BIGINT NOT NULL DEFAULT 0;
