-- A waiting mail that already stands for several reports carries their shared page (`/mottagning`).
-- Merging one more report's own link (`/mottagning/<id>`) into it must keep that page, not fall back
-- to the start page: 0019's version compared only the two links' parents, so a mail coalesced in more
-- than one step (several batches, as on a busy PostgreSQL server) linked to `/`.
CREATE OR REPLACE FUNCTION app_coalesced_link(p_a text, p_b text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN p_a = p_b THEN p_a
    WHEN app_link_parent(p_b) = p_a THEN p_a
    WHEN app_link_parent(p_a) = p_b THEN p_b
    WHEN app_link_parent(p_a) = app_link_parent(p_b) THEN app_link_parent(p_a)
    ELSE '/'
  END
$$;
