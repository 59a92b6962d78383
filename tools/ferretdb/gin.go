package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// FerretDB 1.24 pushes an equality filter down as `_jsonb->$1 @> $2`, or `_jsonb#>$1 @> $2` for a
// dotted key (internal/backends/postgresql/query.go: prepareWhereClause lines 106-127, filterEqual
// lines 262-265). Its own indexes are btree on `(_jsonb->'key')`, which cannot serve jsonb
// containment, so every filtered find, update and delete scans the whole table. A GIN index on the
// same expression can, once the planner sees the key: see plan_cache_mode in spawnPostgres.
// This loop adds one for every field of every FerretDB index, as read from each database's
// metadata table (metadata/metadata.go and indexes.go: rows {table, indexes: [{key: {field: order}}]}).

const ginIndexInterval = 2 * time.Second

func maintainGinIndexes(ctx context.Context, databaseURL string, logger *slog.Logger) {
	var conn *pgx.Conn
	for {
		var err error
		if conn == nil {
			conn, err = pgx.Connect(ctx, databaseURL)
		}
		if err == nil {
			err = createMissingGinIndexes(ctx, conn, logger)
		}
		if err != nil && ctx.Err() == nil {
			logger.Debug("gin indexes: will retry", "error", err)
		}
		if err != nil && conn != nil {
			// Start the next round on a fresh connection: this one may be broken.
			conn.Close(context.Background())
			conn = nil
		}
		select {
		case <-ctx.Done():
			if conn != nil {
				conn.Close(context.Background())
			}
			return
		case <-time.After(ginIndexInterval):
		}
	}
}

// createMissingGinIndexes costs 1 + 3 × databases queries when every index exists.
func createMissingGinIndexes(ctx context.Context, conn *pgx.Conn, logger *slog.Logger) error {
	schemas, err := queryStrings(ctx, conn,
		`SELECT table_schema FROM information_schema.tables WHERE table_name = '_ferretdb_database_metadata'`)
	if err != nil {
		return err
	}
	for _, schema := range schemas {
		// A concurrent build that failed (or was cut short by a stop) leaves an invalid index behind:
		// it is dropped and built again, never taken for a finished one.
		valid, err := queryStrings(ctx, conn, `SELECT c.relname::text FROM pg_index x
			JOIN pg_class c ON c.oid = x.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE n.nspname = $1 AND c.relname LIKE 'ferretdb_gin_%' AND x.indisvalid`, schema)
		if err != nil {
			return err
		}
		invalid, err := queryStrings(ctx, conn, `SELECT c.relname::text FROM pg_index x
			JOIN pg_class c ON c.oid = x.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE n.nspname = $1 AND c.relname LIKE 'ferretdb_gin_%' AND NOT x.indisvalid`, schema)
		if err != nil {
			return err
		}
		have := make(map[string]bool, len(valid))
		for _, name := range valid {
			have[name] = true
		}
		for _, name := range invalid {
			if _, err = conn.Exec(ctx, "DROP INDEX CONCURRENTLY IF EXISTS "+pgx.Identifier{schema, name}.Sanitize()); err != nil {
				return fmt.Errorf("dropping invalid gin index %s.%s: %w", schema, name, err)
			}
		}
		// sjson stores each document's type schema under "$s": it is not a field.
		rows, err := conn.Query(ctx, `SELECT DISTINCT m._jsonb->>'table', k.field
			FROM `+pgx.Identifier{schema, "_ferretdb_database_metadata"}.Sanitize()+` m,
				jsonb_array_elements(m._jsonb->'indexes') i, jsonb_object_keys(i->'key') k(field)
			WHERE k.field <> '$s'`)
		if err != nil {
			return err
		}
		type indexedField struct{ Table, Field string }
		fields, err := pgx.CollectRows(rows, pgx.RowToStructByPos[indexedField])
		if err != nil {
			return err
		}
		for _, f := range fields {
			sum := sha256.Sum256([]byte(f.Table + "\x00" + f.Field))
			name := "ferretdb_gin_" + hex.EncodeToString(sum[:8])
			if have[name] {
				continue
			}
			// Without fastupdate, new rows go straight into the index: a pending list (filled by
			// inserts until the next vacuum) makes the planner cost the index above a LIMIT 1 seq scan.
			// CONCURRENTLY, so the first start on an existing large database keeps taking writes
			// while each index builds (a plain build locks the table against writes until it ends).
			sql := fmt.Sprintf("CREATE INDEX CONCURRENTLY IF NOT EXISTS %s ON %s USING gin ((%s)) WITH (fastupdate = off)",
				pgx.Identifier{name}.Sanitize(), pgx.Identifier{schema, f.Table}.Sanitize(), jsonbPathExpression(f.Field))
			if _, err = conn.Exec(ctx, sql); err != nil {
				return fmt.Errorf("gin index on %s.%s(%s): %w", schema, f.Table, f.Field, err)
			}
			logger.Debug("gin index created", "schema", schema, "table", f.Table, "field", f.Field)
		}
	}
	return nil
}

func queryStrings(ctx context.Context, conn *pgx.Conn, sql string, args ...any) ([]string, error) {
	rows, err := conn.Query(ctx, sql, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[string])
}

// jsonbPathExpression is the expression FerretDB filters on for field; a constant ARRAY[...] is
// folded to the same text[] constant that a custom plan substitutes for FerretDB's `#>$1`.
// unconfirmed: measured only for single-segment fields; the dotted form is untested.
func jsonbPathExpression(field string) string {
	path := strings.Split(field, ".")
	if len(path) == 1 {
		return "_jsonb -> " + quoteLiteral(field)
	}
	for i, element := range path {
		path[i] = quoteLiteral(element)
	}
	return "_jsonb #> ARRAY[" + strings.Join(path, ",") + "]::text[]"
}

// quoteLiteral relies on standard_conforming_strings (on by default since PostgreSQL 9.1).
func quoteLiteral(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}
