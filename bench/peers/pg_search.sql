-- One query of bench_queries (:i) against the PostgreSQL peer: websearch_to_tsquery, ranked by
-- ts_rank_cd, top 10. Like coopsearch, if no record has all the words the any-word query is
-- used (the query's own lexemes OR-ed). Shared by the relevance run (psql) and pgbench.
WITH q AS (
  SELECT qid, websearch_to_tsquery('coop_fr', q) AS a,
         (SELECT string_agg(quote_literal(l), ' | ')
            FROM unnest(tsvector_to_array(to_tsvector('coop_fr', bq.q))) AS l)::tsquery AS o
    FROM bench_queries AS bq WHERE i = :i),
strict AS (
  SELECT r.id, ts_rank_cd(r.tsv, q.a) AS s FROM records AS r, q
   WHERE r.tsv @@ q.a ORDER BY s DESC, r.id LIMIT 10),
relaxed AS (
  SELECT r.id, ts_rank_cd(r.tsv, q.o) AS s FROM records AS r, q
   WHERE NOT EXISTS (SELECT 1 FROM strict) AND r.tsv @@ q.o ORDER BY s DESC, r.id LIMIT 10)
SELECT (SELECT qid FROM q), row_number() OVER (ORDER BY s DESC, id), id
  FROM (SELECT * FROM strict UNION ALL SELECT * FROM relaxed) AS hits ORDER BY s DESC, id;
