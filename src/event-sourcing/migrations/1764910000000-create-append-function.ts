import { MigrationInterface, QueryRunner } from 'typeorm';
import { APPEND_LOCK, CHRONICLE_LOCK_SPACE } from '../store/postgres-advisory-locks';

/**
 * PostgreSQL only: `chronicle_append`, a whole group of appends in one statement, so that a commit
 * costs one round trip instead of one per step (lock, versions, insert, notify, BEGIN, COMMIT).
 * Run on its own (autocommit), the statement is the transaction: the lock it takes is held until
 * its commit, as before. See store/postgres-append-function.ts for the caller.
 *
 * Arguments, one entry per append: stream id, stream type, expected version (-1: any; 0: no stream)
 * and event count; one per event, in the appends' order: type, schema version, data and metadata
 * (JSON text), occurrence time. Returns, per append, the stream version it found (`stream_versions`) (an append whose
 * expectation fails writes nothing; later appends to that stream see the versions before it), and,
 * per event written (a refused append's are not), its position, in the events' order. Notifies `channel` (unless
 * NULL) with `source` and the last position, delivered on commit.
 */
const APPEND_FUNCTION = `
      CREATE OR REPLACE FUNCTION chronicle_append(
        stream_ids text[], stream_types text[], expected integer[], counts integer[],
        types text[], schema_versions integer[], data text[], metadata text[], occurred_at text[],
        channel text, source text,
        OUT stream_versions integer[], OUT positions bigint[]
      ) LANGUAGE plpgsql AS $fn$
      DECLARE
        v_heads jsonb;
        v_version integer;
        v_accepted boolean[] := '{}';
        v_event_append integer[];
        v_event_offset integer[];
        v_head bigint;
        -- Only a group that appends to a stream twice needs the versions it writes carried forward.
        v_repeats boolean := (SELECT count(DISTINCT s) FROM unnest(stream_ids) s) < cardinality(stream_ids);
      BEGIN
        PERFORM pg_advisory_xact_lock(${CHRONICLE_LOCK_SPACE}, ${APPEND_LOCK});
        SELECT COALESCE(jsonb_object_agg(e.stream_id, e.v), '{}') INTO v_heads
          FROM (SELECT stream_id, MAX(events.version) AS v FROM events WHERE stream_id = ANY(stream_ids) GROUP BY stream_id) e;
        stream_versions := '{}';
        FOR a IN 1 .. cardinality(stream_ids) LOOP
          v_version := COALESCE((v_heads ->> stream_ids[a])::integer, 0);
          stream_versions := stream_versions || v_version;
          v_accepted := v_accepted || (expected[a] < 0 OR expected[a] = v_version);
          IF v_repeats AND v_accepted[a] THEN
            v_heads := v_heads || jsonb_build_object(stream_ids[a], v_version + counts[a]);
          END IF;
        END LOOP;
        -- Each event's append and its place in it, set-based (a loop per event costs more than the insert).
        SELECT array_agg(c.a ORDER BY c.a, k), array_agg(k ORDER BY c.a, k) INTO v_event_append, v_event_offset
          FROM unnest(counts) WITH ORDINALITY AS c(cnt, a), generate_series(1, c.cnt) AS k;
        WITH input AS (
          -- v NULL: the event of a refused append, not written.
          SELECT a, CASE WHEN v_accepted[a] THEN stream_versions[a] + k END AS v, t, sv, d, m, o, n
            FROM unnest(v_event_append, v_event_offset, types, schema_versions, data, metadata, occurred_at)
            WITH ORDINALITY AS i(a, k, t, sv, d, m, o, n)
        ), inserted AS (
          INSERT INTO events (stream_id, stream_type, version, type, schema_version, data, metadata, occurred_at)
            SELECT stream_ids[a], stream_types[a], v, t, sv, d::jsonb, m::jsonb, o::timestamptz FROM input WHERE v IS NOT NULL ORDER BY n
            RETURNING events.position
        )
        -- The rows reach the insert in the order sorted above, each drawing its position from the
        -- sequence as it does (under the lock, no other writer draws): position order is event order.
        SELECT array_agg(position ORDER BY position), MAX(position) INTO positions, v_head FROM inserted;
        IF channel IS NOT NULL AND v_head IS NOT NULL THEN
          PERFORM pg_notify(channel, source || ' ' || v_head);
        END IF;
      END
      $fn$`;

/** Creates `chronicle_append` on PostgreSQL; on SQLite it does nothing (and is recorded all the same). */
export class CreateAppendFunction1764910000000 implements MigrationInterface {
  name = 'CreateAppendFunction1764910000000';

  async up(runner: QueryRunner): Promise<void> {
    if (runner.connection.options.type !== 'postgres') return;
    await runner.query(APPEND_FUNCTION);
  }

  async down(runner: QueryRunner): Promise<void> {
    if (runner.connection.options.type !== 'postgres') return;
    await runner.query(`DROP FUNCTION chronicle_append`);
  }
}
