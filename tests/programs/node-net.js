// Network checks for Node.js for Windows, run unmodified under Wine by
// tests/programs/run.sh.  Each check prints one line:
//   PASS <name> [detail] | FAIL <name> <reason> | SKIP <name> <reason>
// Arguments: SIGNAL_FILE [--no-ipv6]  (the host has no IPv6 loopback: no udp6 line)
//   The keep-alive check prints "KEEPALIVE-PORT <port>" and waits (at most
//   60 s) for SIGNAL_FILE to exist: the shell script reads the Linux socket
//   with `ss -tnoi` meanwhile.  Node is never told to exit: the process must
//   end by itself (every handle closed) with exit code 0.
'use strict';
const net = require('net');
const http = require('http');
const dgram = require('dgram');
const fs = require('fs');

const signalFile = process.argv[2];
const noIpv6 = process.argv.includes('--no-ipv6');
const CHECK_TIMEOUT = 20000;

function say(line) { console.log(line); }

// Runs fn(cleanup) -> Promise; a check that takes longer than `limit` fails,
// and the handles it registered with cleanup() are destroyed.
async function check(name, fn, limit = CHECK_TIMEOUT) {
  const handles = [];
  const track = (h) => { handles.push(h); return h; };
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${limit} ms`)), limit);
  });
  try {
    const detail = await Promise.race([fn(track), timeout]);
    if (detail && detail.skip) say(`SKIP ${name} ${detail.skip}`);
    else say(`PASS ${name}${detail ? ' ' + detail : ''}`);
  } catch (e) {
    say(`FAIL ${name} ${e && e.code ? e.code + ': ' : ''}${e && e.message ? e.message : e}`);
  } finally {
    clearTimeout(timer);
    for (const h of handles) {
      try { if (h.destroy) h.destroy(); else if (h.close) h.close(); } catch (e) { /* already closed */ }
    }
  }
}

function listen(server, host) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve(server.address().port));
  });
}

function closeServer(server) {
  return new Promise((resolve) => server.close(() => resolve()));
}

// TCP: an echo server and a client on 127.0.0.1, 64 KiB there and back.
async function tcpEcho(track) {
  const server = track(net.createServer((s) => s.pipe(s)));
  const port = await listen(server, '127.0.0.1');
  const payload = Buffer.alloc(65536);
  for (let i = 0; i < payload.length; i++) payload[i] = (i * 7 + 3) & 0xff;
  const got = await new Promise((resolve, reject) => {
    const chunks = [];
    let n = 0;
    const c = track(net.connect(port, '127.0.0.1'));
    c.on('error', reject);
    c.on('connect', () => c.write(payload));
    c.on('data', (d) => {
      chunks.push(d); n += d.length;
      if (n >= payload.length) c.end();
    });
    c.on('close', () => resolve(Buffer.concat(chunks)));
  });
  await closeServer(server);
  if (!got.equals(payload)) throw new Error(`echoed ${got.length} bytes, expected the same ${payload.length}`);
  return `${got.length} bytes echoed`;
}

// HTTP: 50 GETs through one keep-alive Agent (at most 2 sockets).
async function httpKeepAlive(track) {
  const peers = new Set();
  let served = 0;
  const server = track(http.createServer((req, res) => {
    peers.add(req.socket.remotePort);
    served++;
    const body = `hello ${req.url}`;
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  }));
  const port = await listen(server, '127.0.0.1');
  const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
  const one = (i) => new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: `/r${i}`, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { body += d; });
      res.on('end', () => {
        if (res.statusCode !== 200 || body !== `hello /r${i}`)
          reject(new Error(`request ${i}: status ${res.statusCode}, body ${JSON.stringify(body)}`));
        else resolve();
      });
    });
    req.on('error', reject);
  });
  try {
    const all = [];
    for (let i = 0; i < 50; i++) all.push(one(i));
    await Promise.all(all);
  } finally {
    agent.destroy();
  }
  await closeServer(server);
  if (served !== 50) throw new Error(`server saw ${served} requests, expected 50`);
  if (peers.size > 2) throw new Error(`50 requests used ${peers.size} connections, expected at most 2`);
  return `50 requests on ${peers.size} connection(s)`;
}

// UDP: one datagram each way between two sockets bound to the loopback address.
async function udpPingPong(track, type, host) {
  const a = track(dgram.createSocket(type));
  const b = track(dgram.createSocket(type));
  const bind = (s) => new Promise((resolve, reject) => {
    s.once('error', reject);
    s.bind(0, host, () => resolve(s.address().port));
  });
  const pa = await bind(a);
  const pb = await bind(b);
  const recv = (s) => new Promise((resolve, reject) => {
    s.once('error', reject);
    s.once('message', (msg, rinfo) => resolve({ msg: msg.toString(), rinfo }));
  });
  const atB = recv(b);
  a.send(`ping ${type}`, pb, host);
  const r1 = await atB;
  if (r1.msg !== `ping ${type}`) throw new Error(`b got ${JSON.stringify(r1.msg)}`);
  if (r1.rinfo.port !== pa || r1.rinfo.address !== host)
    throw new Error(`b got it from ${r1.rinfo.address}:${r1.rinfo.port}, expected ${host}:${pa}`);
  const atA = recv(a);
  b.send(`pong ${type}`, r1.rinfo.port, r1.rinfo.address);
  const r2 = await atA;
  if (r2.msg !== `pong ${type}`) throw new Error(`a got ${JSON.stringify(r2.msg)}`);
  if (r2.rinfo.port !== pb) throw new Error(`a got it from port ${r2.rinfo.port}, expected ${pb}`);
  a.close(); b.close();
  return `${host}: ping and pong`;
}

// A connect to a loopback port nobody listens on (a port just released).
async function refused(track) {
  const server = net.createServer();
  const port = await listen(server, '127.0.0.1');
  await closeServer(server);
  const err = await new Promise((resolve, reject) => {
    const c = track(net.connect(port, '127.0.0.1'));
    c.on('connect', () => reject(new Error(`connected to ${port}, which nobody listens on`)));
    c.on('error', resolve);
  });
  if (err.code !== 'ECONNREFUSED') throw new Error(`error ${err.code} (${err.message}), expected ECONNREFUSED`);
  return `port ${port}: ECONNREFUSED`;
}

// setKeepAlive(true, 3000) on a connected client socket; the shell script
// checks the Linux socket's keep-alive timer while we wait for its signal.
async function keepAlive(track) {
  if (!signalFile) return { skip: 'no signal file given' };
  const server = track(net.createServer((s) => { s.on('error', () => {}); }));
  const port = await listen(server, '127.0.0.1');
  const c = track(net.connect(port, '127.0.0.1'));
  await new Promise((resolve, reject) => { c.on('connect', resolve); c.on('error', reject); });
  c.on('error', () => {});
  c.setKeepAlive(true, 3000);
  say(`KEEPALIVE-PORT ${c.localPort}`);
  const deadline = Date.now() + 60000;
  while (!fs.existsSync(signalFile)) {
    if (Date.now() > deadline) throw new Error('no signal from the shell script within 60 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  c.destroy();
  await closeServer(server);
  return 'socket held for the ss check';
}

(async () => {
  say(`node ${process.version} on ${process.platform} ${require('os').release()}`);
  await check('tcp-echo', tcpEcho);
  await check('http-keepalive-agent', httpKeepAlive);
  await check('udp4', (t) => udpPingPong(t, 'udp4', '127.0.0.1'));
  if (!noIpv6) await check('udp6', (t) => udpPingPong(t, 'udp6', '::1'));
  await check('tcp-refused', refused);
  await check('keepalive-hold', keepAlive, 70000);
  say('END');
})();
