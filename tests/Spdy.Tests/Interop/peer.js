'use strict'
// An independent SPDY/3.1 peer (spdy-transport 3.x) for OrleansEci.Spdy's control-frame interop tests.
//   node peer.js server            listens on 127.0.0.1:0, prints "LISTENING <port>"; the C# client drives it
//   node peer.js client <port>     connects to the C# server and drives it
// Every event is one stdout line the test reads: "PING-ACKED", "PINGED", "REPLY <status> <x-echo>", "ECHO <text>",
// "RST-RECEIVED <id> <code>", "GOAWAY-RECEIVED <lastId>" / "GOAWAY-SENT <lastId>", "DONE". A broken expectation exits 1 with the reason on stderr.
// Server role, by the request path of each stream the client opens:
//   /echo     reply 200 with x-echo = the x-hello header, echo the body, end (FIN) when the client ends
//   /reset    reply 200, then RST_STREAM it with REFUSED_STREAM
//   /wait     reply 200 and wait; prints RST-RECEIVED when the client resets it
//   /ping     reply 200, ping the client, end the stream once the ping is answered
//   /goaway   reply 200, end the stream, then end the connection (GOAWAY OK)
// Client role: pings the server, then runs /echo, /reset (expects the server's RST), /wait (resets it itself with
// CANCEL) and /ping (expects the server's ping, answered by spdy-transport), then waits for the server's GOAWAY.
const net = require('net')
const transport = require('spdy-transport')

const role = process.argv[2]
const say = line => process.stdout.write(line + '\n')
function fail (message) { process.stderr.write(message + '\n'); process.exit(1) }

function watch (conn) {
  conn.on('error', err => fail('connection error: ' + err.message))
  conn.on('ping', () => say('PINGED'))
  conn.once('close', () => {
    const lastId = conn._spdyState.goaway // spdy-transport keeps the GOAWAY's last-stream-id here; it emits no event
    if (lastId !== false) say((conn.sentGoaway ? 'GOAWAY-SENT ' : 'GOAWAY-RECEIVED ') + lastId)
  })
}

function serve (conn) {
  conn.on('stream', stream => {
    const path = stream.path
    stream.on('error', err => {
      const rst = /^Got RST: (.*)$/.exec(err.message)
      if (rst) say(`RST-RECEIVED ${stream.id} ${rst[1]}`)
      else fail(`stream ${path} error: ${err.message}`)
    })
    if (path === '/echo') {
      stream.respond(200, { 'x-echo': String(stream.headers['x-hello'] || '') })
      const chunks = []
      stream.on('data', chunk => chunks.push(chunk))
      stream.on('end', () => { const text = Buffer.concat(chunks).toString(); say('ECHO ' + text); stream.end('echo:' + text) })
    } else if (path === '/reset') {
      stream.respond(200, {})
      stream.abort('REFUSED_STREAM')
    } else if (path === '/wait') {
      stream.respond(200, {})
      stream.resume()
    } else if (path === '/ping') {
      stream.respond(200, {})
      conn.ping(() => { say('PING-ACKED'); stream.end() })
      stream.resume()
    } else if (path === '/goaway') {
      stream.respond(200, {})
      stream.resume()
      stream.on('end', () => stream.end(() => { conn.sentGoaway = true; conn.end() }))
    } else {
      fail('unexpected path ' + path)
    }
  })
}

function request (conn, path, headers) {
  return conn.request({ method: 'POST', path, headers: headers || {} }, err => { if (err) fail(`request ${path}: ${err.message}`) })
}

function drive (conn) {
  conn.start(3.1)
  conn.ping(() => {
    say('PING-ACKED')
    const echo = request(conn, '/echo', { 'x-hello': 'from node' })
    echo.on('error', err => fail('echo error: ' + err.message))
    echo.on('response', (code, headers) => say(`REPLY ${code} ${headers['x-echo']}`))
    const chunks = []
    echo.on('data', chunk => chunks.push(chunk))
    echo.on('end', () => {
      say('ECHO ' + Buffer.concat(chunks).toString())
      const reset = request(conn, '/reset')
      reset.on('error', err => {
        const rst = /^Got RST: (.*)$/.exec(err.message)
        if (!rst) fail('reset error: ' + err.message)
        say(`RST-RECEIVED ${reset.id} ${rst[1]}`)
        const wait = request(conn, '/wait')
        wait.on('response', () => {
          wait.abort() // RST_STREAM CANCEL
          const ping = request(conn, '/ping')
          ping.on('error', err => fail('ping stream error: ' + err.message))
          ping.on('end', () => say('DONE'))
          ping.resume()
          ping.end()
        })
      })
      reset.resume()
    })
    echo.end('hello from node')
  })
}

if (role === 'server') {
  const server = net.createServer(socket => {
    const conn = transport.connection.create(socket, { protocol: 'spdy', isServer: true, headerCompression: true, autoSpdy31: true })
    watch(conn)
    serve(conn)
    conn.once('close', () => { say('DONE'); server.close() })
  })
  server.listen(0, '127.0.0.1', () => say('LISTENING ' + server.address().port))
} else if (role === 'client') {
  const socket = net.connect(parseInt(process.argv[3], 10), '127.0.0.1', () => {
    const conn = transport.connection.create(socket, { protocol: 'spdy', isServer: false, headerCompression: true })
    watch(conn)
    conn.on('close', () => process.exit(0))
    drive(conn)
  })
  socket.on('error', err => fail('socket error: ' + err.message))
} else {
  fail('usage: node peer.js server | node peer.js client <port>')
}
