-- One query of bench_queries (i = @I@, substituted by bench/run) against the SQLite peer: bm25
-- with the title weighted 5 and the body 1, top 10; all words (a) first, any word (o) if none.
WITH q AS (SELECT qid, a, o FROM bench_queries WHERE i = @I@),
strict AS (
  SELECT id, bm25(records, 0.0, 5.0, 1.0) AS s FROM records
   WHERE records MATCH (SELECT a FROM q) ORDER BY s, id LIMIT 10),
relaxed AS (
  SELECT id, bm25(records, 0.0, 5.0, 1.0) AS s FROM records
   WHERE records MATCH (SELECT o FROM q) AND NOT EXISTS (SELECT 1 FROM strict)
   ORDER BY s, id LIMIT 10)
SELECT (SELECT qid FROM q), row_number() OVER (ORDER BY s, id), id
  FROM (SELECT * FROM strict UNION ALL SELECT * FROM relaxed) ORDER BY s, id;
