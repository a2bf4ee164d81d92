// An independent SPDY/3.1 peer built on moby/spdystream, the library kubelet, kube-apiserver and kubectl use,
// for OrleansEci.Spdy's interop tests. Its compress/flate rejects header blocks that do not end on a sync-flush
// boundary, which zlib-based peers (Node) accept: only this peer catches that bug.
//
//	spdystream_peer server                       prints "LISTENING <port>", echoes every stream
//	spdystream_peer client <port> <streams> <n>  opens <streams> k8s-style streams, sends n bytes each, checks the echo
//	spdystream_peer exec <url> <stdin>           kubectl/client-go v4 exec: upgrade, open error/stdin/stdout/stderr, print results
package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
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
	case "exec":
		runExec(os.Args[2], os.Args[3])
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

// runExec does what client-go's SPDY executor does for v4: POST with the upgrade headers, read the 101 through a
// throw-away bufio.Reader (so frames sent before the client's first one would be lost), then open the streams one at
// a time, each waiting for its reply.
func runExec(rawURL, stdin string) {
	target, err := url.Parse(rawURL)
	if err != nil {
		fail(err.Error())
	}
	socket, err := net.Dial("tcp", target.Host)
	if err != nil {
		fail(err.Error())
	}
	request, _ := http.NewRequest("POST", rawURL, nil)
	request.Header.Set("Connection", "Upgrade")
	request.Header.Set("Upgrade", "SPDY/3.1")
	for _, protocol := range []string{"v4.channel.k8s.io", "v3.channel.k8s.io", "v2.channel.k8s.io", "channel.k8s.io"} {
		request.Header.Add("X-Stream-Protocol-Version", protocol)
	}
	if err := request.Write(socket); err != nil {
		fail(err.Error())
	}
	response, err := http.ReadResponse(bufio.NewReader(socket), request)
	if err != nil {
		fail("read response: " + err.Error())
	}
	if response.StatusCode != http.StatusSwitchingProtocols {
		body, _ := io.ReadAll(response.Body)
		fail(fmt.Sprintf("unable to upgrade connection: %d %v %s", response.StatusCode, response.Header, body))
	}
	fmt.Printf("PROTOCOL %s\n", response.Header.Get("X-Stream-Protocol-Version"))
	connection, err := spdystream.NewConnection(socket, false)
	if err != nil {
		fail(err.Error())
	}
	go connection.Serve(spdystream.NoOpStreamHandler)
	open := func(streamType string) *spdystream.Stream {
		headers := http.Header{}
		headers.Set("streamType", streamType)
		stream, err := connection.CreateStream(headers, nil, false)
		if err != nil {
			fail("create " + streamType + ": " + err.Error())
		}
		if err := stream.Wait(); err != nil {
			fail("reply " + streamType + ": " + err.Error())
		}
		return stream
	}
	errorStream, stdinStream, stdoutStream, stderrStream := open("error"), open("stdin"), open("stdout"), open("stderr")
	go func() {
		stdinStream.Write([]byte(stdin))
		stdinStream.Close()
	}()
	var wait sync.WaitGroup
	var stdout, stderr []byte
	wait.Add(2)
	go func() { defer wait.Done(); stdout, _ = io.ReadAll(stdoutStream) }()
	go func() { defer wait.Done(); stderr, _ = io.ReadAll(stderrStream) }()
	wait.Wait()
	status, _ := io.ReadAll(errorStream)
	fmt.Printf("STDOUT %q\nSTDERR %q\nSTATUS %s\n", stdout, stderr, status)
	connection.Close()
}
