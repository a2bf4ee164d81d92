'use strict'
// An independent SPDY/3.1 client (spdy-transport) for OrleansEci.Spdy's interop tests.
// Usage: node client.js <port> <compression on|off> <windowSize> <streams> <bytesPerStream>
// Pings the server, opens <streams> POST streams at once, sends <bytesPerStream> deterministic bytes on
// each and half-closes, then expects the server to echo them back. Prints one "STREAM ..." line per
// stream and "DONE <n> ok" on success; exits 1 with a reason on stderr otherwise.
const net = require('net')
const crypto = require('crypto')
const transport = require('spdy-transport')

const [port, compressionArg, windowArg, streamsArg, sizeArg] = process.argv.slice(2)
const compression = compressionArg === 'on'
const streams = parseInt(streamsArg, 10)
const size = parseInt(sizeArg, 10)

function payload (seed, n) {
  const out = Buffer.alloc(n)
  let x = seed + 1
  for (let i = 0; i < n; i++) { x = (Math.imul(x, 1664525) + 1013904223) >>> 0; out[i] = x >>> 24 }
  return out
}

function fail (message) {
  process.stderr.write(message + '\n')
  process.exit(1)
}

const socket = net.connect(parseInt(port, 10), '127.0.0.1', () => {
  const conn = transport.connection.create(socket, {
    protocol: 'spdy', isServer: false, headerCompression: compression, windowSize: parseInt(windowArg, 10)
  })
  conn.on('error', err => fail('connection error: ' + err.message))
  conn.start(3.1)
  conn.ping(() => {
    let done = 0
    for (let i = 0; i < streams; i++) {
      const body = payload(i, size)
      const expected = crypto.createHash('sha256').update(body).digest('hex')
      const stream = conn.request({
        method: 'POST', path: '/echo/' + i, headers: { 'x-index': String(i), streamtype: 'stdin' }
      }, err => { if (err) fail('request ' + i + ' failed: ' + err.message) })
      stream.on('error', err => fail('stream ' + i + ' error: ' + err.message))
      let status = null
      let echoedIndex = null
      stream.on('response', (code, headers) => { status = code; echoedIndex = headers['x-echo-index'] })
      const hash = crypto.createHash('sha256')
      let length = 0
      stream.on('data', chunk => { hash.update(chunk); length += chunk.length })
      stream.on('end', () => {
        const actual = hash.digest('hex')
        if (status !== 200) fail(`stream ${i}: status ${status}, expected 200`)
        if (echoedIndex !== String(i)) fail(`stream ${i}: x-echo-index ${echoedIndex}, expected ${i}`)
        if (actual !== expected || length !== size) fail(`stream ${i}: echoed ${length} bytes sha ${actual}, expected ${size} bytes sha ${expected}`)
        process.stdout.write(`STREAM ${i} id=${stream.id} ${length} ok\n`)
        if (++done === streams) {
          process.stdout.write(`DONE ${streams} ok\n`)
          conn.end(() => process.exit(0))
        }
      })
      stream.end(body)
    }
  })
})
socket.on('error', err => fail('socket error: ' + err.message))
