-- Co-appearance pairs, counted as castgraph counts them, for an engine that does the group-by
-- (DuckDB on one machine, Spark SQL on many); castgraph then reads the edge table and analyses it:
--   graph build edges.parquet        (or edges.csv)
--
-- Input: a long table `appearances(episode, scene, character)`, one row per appearance, as
-- castgraph's long layout (`graph build` of a long CSV or Parquet file reads the same table).
-- Output: one row per unordered pair, `source, target, weight, scenes`, the columns castgraph's
-- edge lists and `graph export --parquet` use (the `scenes` column keeps the shared scenes).
--
-- The rules, castgraph's (issue 16; tested against `graph build` in tests/pairs_sql.rs):
--   * A scene is its (episode, scene) pair, compared as trimmed text; a missing (NULL) episode or
--     scene is the empty text, as an empty field is in castgraph.
--   * A character is the trimmed name; rows with no name (NULL, empty or blank) are left out
--     (castgraph refuses such a row instead). castgraph also puts names in Unicode NFC and
--     collapses runs of inner spaces: do that upstream if the data needs it.
--   * Each character counts once per scene, however many rows name it (SELECT DISTINCT).
--   * Pairs are unordered: each pair once, `source` < `target` by byte order of the UTF-8 names
--     (the default string order of DuckDB and Spark).
--   * weight = shared scenes (castgraph's default weighting, `scenes`); `scenes` = the same
--     count. For Newman's weighting, add `1.0 / (k - 1)` per scene of k characters instead.
--
-- Portability: plain SQL only (WITH, DISTINCT, TRIM, COALESCE, CAST to STRING and DOUBLE, an
-- inner self-join, GROUP BY); no dialect function. It runs unchanged in DuckDB and in Spark SQL
-- (register the table as a view named `appearances`). Examples:
--   duckdb:  CREATE VIEW appearances AS SELECT * FROM 'appearances.parquet';
--            COPY (<this query>) TO 'edges.parquet' (FORMAT parquet);
--   spark:   spark.read.parquet("appearances/").createOrReplaceTempView("appearances")
--            spark.sql(open("scripts/pairs.sql").read()).write.parquet("edges/")
--   Spark writes a folder of part files, each pair in one of them: `graph build edges/*.parquet`
--   reads them all as one edge list.
--
-- Cost: the self-join makes k(k-1)/2 rows for a scene of k characters before the group-by, so
-- scenes of thousands of characters are costly here as in castgraph (which refuses scenes over
-- 10,000 characters by default).
WITH present AS (
    SELECT DISTINCT
        COALESCE(TRIM(CAST(episode AS STRING)), '') AS episode,
        COALESCE(TRIM(CAST(scene AS STRING)), '') AS scene,
        TRIM(character) AS name
    FROM appearances
    WHERE character IS NOT NULL AND TRIM(character) <> ''
)
SELECT
    a.name AS source,
    b.name AS target,
    CAST(COUNT(*) AS DOUBLE) AS weight,
    COUNT(*) AS scenes
FROM present a
JOIN present b
    ON a.episode = b.episode
    AND a.scene = b.scene
    AND a.name < b.name
GROUP BY a.name, b.name
