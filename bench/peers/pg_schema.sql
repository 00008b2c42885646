-- PostgreSQL peer (issue 7): French Snowball stemming after unaccent, title weighted A and body D,
-- GIN index. bench/run times: psql -f pg_schema.sql < records.copy (load + GIN build).
CREATE EXTENSION IF NOT EXISTS unaccent;
DROP TABLE IF EXISTS records;
DROP TEXT SEARCH CONFIGURATION IF EXISTS coop_fr;
CREATE TEXT SEARCH CONFIGURATION coop_fr (COPY = french);
ALTER TEXT SEARCH CONFIGURATION coop_fr
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
CREATE TABLE records (
  id text PRIMARY KEY,
  title text NOT NULL,
  body text NOT NULL,
  tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('coop_fr', title), 'A') || setweight(to_tsvector('coop_fr', body), 'D')) STORED
);
\copy records (id, title, body) FROM pstdin
CREATE INDEX records_tsv ON records USING gin (tsv);
ANALYZE records;
