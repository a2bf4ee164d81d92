// An independent SPDY/3.1 peer built on moby/spdystream, the library kubelet, kube-apiserver and kubectl use,
// for OrleansEci.Spdy's interop tests. Its compress/flate rejects header blocks that do not end on a sync-flush
// boundary, which zlib-based peers (Node) accept: only this peer catches that bug.
//
//	spdystream_peer server                       prints "LISTENING <port>", echoes every stream
//	spdystream_peer client <port> <streams> <n>  opens <streams> k8s-style streams, sends n bytes each, checks the echo
package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"sync"

	"github.com/moby/spdystream"
)

func main() {
	if len(os.Args) < 2 {
		fail("usage: spdystream_peer server | client <port> <streams> <bytes>")
	}
	switch os.Args[1] {
	case "server":
		serve()
	case "client":
		port, _ := strconv.Atoi(os.Args[2])
		streams, _ := strconv.Atoi(os.Args[3])
		size, _ := strconv.Atoi(os.Args[4])
		runClient(port, streams, size)
	default:
		fail("unknown mode " + os.Args[1])
	}
}

func fail(message string) {
	fmt.Fprintln(os.Stderr, message)
	os.Exit(1)
}

func serve() {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fail(err.Error())
	}
	fmt.Printf("LISTENING %d\n", listener.Addr().(*net.TCPAddr).Port)
	for {
		socket, err := listener.Accept()
		if err != nil {
			fail(err.Error())
		}
		connection, err := spdystream.NewConnection(socket, true)
		if err != nil {
			fail(err.Error())
		}
		go connection.Serve(func(stream *spdystream.Stream) {
			// Reply at once, as the kubelet does, echoing what arrived in the headers.
			reply := http.Header{}
			reply.Set("X-Seen-Streamtype", stream.Headers().Get("streamType"))
			reply.Set("X-Seen-Index", stream.Headers().Get("X-Index"))
			if err := stream.SendReply(reply, false); err != nil {
				fmt.Fprintln(os.Stderr, "reply:", err)
				return
			}
			go func() {
				data, err := io.ReadAll(stream)
				if err != nil {
					fmt.Fprintln(os.Stderr, "read:", err)
				}
				fmt.Printf("RECEIVED %d %d\n", stream.Identifier(), len(data))
				if _, err := stream.Write(data); err != nil {
					fmt.Fprintln(os.Stderr, "write:", err)
				}
				stream.Close()
			}()
		})
	}
}

func payload(seed, n int) []byte {
	out := make([]byte, n)
	x := uint32(seed + 1)
	for i := range out {
		x = x*1664525 + 1013904223
		out[i] = byte(x >> 24)
	}
	return out
}

func runClient(port, streams, size int) {
	socket, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		fail(err.Error())
	}
	connection, err := spdystream.NewConnection(socket, false)
	if err != nil {
		fail(err.Error())
	}
	go connection.Serve(spdystream.NoOpStreamHandler)
	if _, err := connection.Ping(); err != nil {
		fail("ping: " + err.Error())
	}
	var wait sync.WaitGroup
	errors := make(chan string, streams)
	for i := 0; i < streams; i++ {
		headers := http.Header{}
		headers.Set("streamType", "stdin")
		headers.Set("X-Index", strconv.Itoa(i))
		// CreateStream waits for the SYN_REPLY, as client-go does, one stream at a time.
		stream, err := connection.CreateStream(headers, nil, false)
		if err != nil {
			fail(fmt.Sprintf("create stream %d: %v", i, err))
		}
		if err := stream.Wait(); err != nil {
			fail(fmt.Sprintf("stream %d reply: %v", i, err))
		}
		wait.Add(1)
		go func(i int, stream *spdystream.Stream) {
			defer wait.Done()
			body := payload(i, size)
			go func() {
				stream.Write(body)
				stream.Close()
			}()
			echo, err := io.ReadAll(stream)
			if err != nil {
				errors <- fmt.Sprintf("stream %d read: %v", i, err)
				return
			}
			if !bytes.Equal(echo, body) {
				errors <- fmt.Sprintf("stream %d: echoed %d bytes sha %x, expected %d bytes sha %x", i, len(echo), sha256.Sum256(echo), size, sha256.Sum256(body))
				return
			}
			fmt.Printf("STREAM %d id=%d %d ok\n", i, stream.Identifier(), len(echo))
		}(i, stream)
	}
	wait.Wait()
	close(errors)
	for message := range errors {
		fail(message)
	}
	fmt.Printf("DONE %d ok\n", streams)
	connection.Close()
}
