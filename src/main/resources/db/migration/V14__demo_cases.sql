-- The bundled sample cases (public demo data shown by the web chat to a new user) are marked, so that the
-- disclosure rule can tell them from real cases: an imported CSV or the REST connector never sets it.
alter table cases add column demo boolean not null default false;
