-- SQLite FTS5 peer (issue 7): unicode61 with diacritics removed; no stemming (FTS5 has none for
-- French). Records are inserted by bench/run from `coop-bench-eval export --format sqlite`.
DROP TABLE IF EXISTS records;
CREATE VIRTUAL TABLE records USING fts5(id UNINDEXED, title, body,
                                        tokenize = 'unicode61 remove_diacritics 2');
