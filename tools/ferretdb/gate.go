package main

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
)

// The command gate: clients connect to us, we relay their messages to FerretDB on an internal
// loopback port, and at most maxCommands commands are inside FerretDB at any moment; the others
// wait here, in line.
//
// Why: on PostgreSQL, FerretDB 1.24 runs an update or findAndModify as a query whose rows keep
// one pooled PostgreSQL connection until the command ends, plus a transaction on a second
// connection from the same pool, which it waits for without a deadline. Once as many such
// commands are in flight as the pool has connections, each holds one and waits for another:
// FerretDB stops answering for good (seen with 300 buyers on three app processes, each process
// with the driver's default pool of 100). Every client connection can carry one command, so the
// number of client connections cannot be the bound; this gate is, whatever the number of
// processes. The arithmetic (see pgPoolSize): each command holds at most two pooled connections,
// and a cursor left open between getMores holds one.
const (
	maxCommands = 32
	// FerretDB's PostgreSQL pool (pgx pool_max_conns): two per admitted command, and room for
	// open cursors.
	pgPoolSize = 2*maxCommands + 36
	// PostgreSQL's max_connections: the pool, our own start-up and GIN-index (gin.go) connections, and the three slots
	// PostgreSQL reserves for superusers.
	pgMaxConnections = pgPoolSize + 10
	// MongoDB's maxMessageSizeBytes; a longer length prefix is a broken stream, not a message.
	maxMessageSize = 48_000_000
	// The wire protocol's standard header: length, requestID, responseTo, opCode.
	messageHeaderSize = 16
)

// serveGated accepts clients on l and relays each to backend until ctx ends.
func serveGated(ctx context.Context, l net.Listener, backend string) {
	slots := make(chan struct{}, maxCommands)
	var clients sync.WaitGroup
	stopAccepting := context.AfterFunc(ctx, func() { _ = l.Close() })
	defer stopAccepting()
	for {
		client, err := l.Accept()
		if err != nil {
			if ctx.Err() == nil && !errors.Is(err, net.ErrClosed) {
				logError(fmt.Errorf("command gate: accept: %w", err))
			}
			break
		}
		clients.Add(1)
		go func() {
			defer clients.Done()
			relay(ctx, client, backend, slots)
		}()
	}
	clients.Wait()
}

// relay passes one client's commands to FerretDB one at a time, each under a slot. FerretDB
// answers every message with exactly one message (it never streams replies), so a request and
// its reply are one exchange.
func relay(ctx context.Context, client net.Conn, backend string, slots chan struct{}) {
	defer client.Close()
	server, err := (&net.Dialer{}).DialContext(ctx, "tcp", backend)
	if err != nil {
		return
	}
	defer server.Close()
	// Shutting down ends the exchanges in progress: the client's driver sees a closed connection.
	closeBoth := context.AfterFunc(ctx, func() {
		_ = client.Close()
		_ = server.Close()
	})
	defer closeBoth()

	fromClient := bufio.NewReader(client)
	fromServer := bufio.NewReader(server)
	for {
		request, err := readMessage(fromClient)
		if err != nil {
			return
		}
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			return
		}
		reply, err := exchange(server, fromServer, request)
		<-slots
		if err != nil {
			return
		}
		if _, err = client.Write(reply); err != nil {
			return
		}
	}
}

func exchange(server net.Conn, fromServer *bufio.Reader, request []byte) ([]byte, error) {
	if _, err := server.Write(request); err != nil {
		return nil, err
	}
	return readMessage(fromServer)
}

// readMessage reads one whole wire-protocol message, header included.
func readMessage(r *bufio.Reader) ([]byte, error) {
	var header [messageHeaderSize]byte
	if _, err := io.ReadFull(r, header[:]); err != nil {
		return nil, err
	}
	length := binary.LittleEndian.Uint32(header[:4])
	if length < messageHeaderSize || length > maxMessageSize {
		return nil, fmt.Errorf("command gate: message length %d out of range", length)
	}
	message := make([]byte, length)
	copy(message, header[:])
	if _, err := io.ReadFull(r, message[messageHeaderSize:]); err != nil {
		return nil, err
	}
	return message, nil
}
