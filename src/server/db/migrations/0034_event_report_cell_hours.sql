-- The weekly lägesbild at scale (issue 14 §5): the one read that is not a rollup, the hot cells' weekday
-- and hour over nine weeks (lagesbild/figures.ts, loadCellHours), for the presence suggestions. Through
-- event_report_week_area_idx it visited every event of the area's nine weeks (about 11,000 rows at
-- 10 million events) to keep the few in three cells. This index finds exactly those, and carries the
-- columns the read needs, so once the table is vacuumed it answers from the index alone.
CREATE INDEX "event_report_cell_week_idx" ON "event_report" USING btree ("tenant_id","cell","iso_week") INCLUDE ("area_id","weekday","hour","status");
