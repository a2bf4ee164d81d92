'use strict'
// An independent SPDY/3.1 server (spdy-transport) for OrleansEci.Spdy's interop tests.
// Usage: node server.js <compression on|off> <windowSize>
// Prints "LISTENING <port>" once ready. Every stream is answered with :status 200 plus headers that
// echo what arrived, and its bytes are echoed back (streamed, so flow control runs both ways).
// A stream with header "x-generate: N" is answered with N deterministic bytes instead.
const net = require('net')
const crypto = require('crypto')
const transport = require('spdy-transport')

const compression = process.argv[2] === 'on'
const windowSize = parseInt(process.argv[3] || '65536', 10)

function generate (n) {
  const out = Buffer.alloc(n)
  let x = 12345
  for (let i = 0; i < n; i++) { x = (Math.imul(x, 1103515245) + 12345) >>> 0; out[i] = x >>> 24 }
  return out
}

const server = net.createServer(socket => {
  const conn = transport.connection.create(socket, {
    protocol: 'spdy', isServer: true, headerCompression: compression, windowSize, autoSpdy31: true
  })
  conn.on('error', err => process.stderr.write('connection error: ' + err.message + '\n'))
  conn.on('stream', stream => {
    stream.on('error', err => process.stderr.write('stream error: ' + err.message + '\n'))
    const headers = {
      'x-seen-path': stream.path,
      'x-seen-stream-type': String(stream.headers.streamtype || ''),
      'x-seen-index': String(stream.headers['x-index'] || '')
    }
    stream.respond(200, headers)
    const generateBytes = stream.headers['x-generate']
    const hash = crypto.createHash('sha256')
    let length = 0
    stream.on('data', chunk => {
      hash.update(chunk)
      length += chunk.length
      if (!generateBytes) stream.write(chunk)
    })
    stream.on('end', () => {
      process.stdout.write(`RECEIVED ${stream.id} ${length} ${hash.digest('hex')}\n`)
      if (generateBytes) stream.write(generate(parseInt(generateBytes, 10)))
      stream.end()
    })
  })
})
server.listen(0, '127.0.0.1', () => process.stdout.write(`LISTENING ${server.address().port}\n`))
