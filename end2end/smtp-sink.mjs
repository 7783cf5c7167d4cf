// A real SMTP server for the browser tests: it accepts every message and
// appends it (its body's quoted-printable undone) as one JSON line to the file named by
// its second argument. Usage: node smtp-sink.mjs PORT FILE
import net from 'node:net';
import fs from 'node:fs';

const [port, file] = process.argv.slice(2);
fs.writeFileSync(file, '');

// Headers as sent (unfolded); the body's quoted-printable undone, as UTF-8.
const unquote = (s) => {
  const at = s.indexOf('\r\n\r\n');
  const head = at < 0 ? '' : s.slice(0, at).replace(/\r\n /g, ' ');
  const body = (at < 0 ? s : s.slice(at + 4))
    .replace(/=\r\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
  return head + '\r\n\r\n' + Buffer.from(body, 'latin1').toString('utf8');
};

net
  .createServer((socket) => {
    socket.setNoDelay(true);
    let buffer = '';
    let data = null;
    let to = [];
    socket.write('220 sink ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      let i;
      while ((i = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (data !== null) {
          if (line === '.') {
            fs.appendFileSync(file, JSON.stringify({ to, text: unquote(data) }) + '\n');
            data = null;
            to = [];
            socket.write('250 kept\r\n');
          } else {
            data += (line.startsWith('.') ? line.slice(1) : line) + '\r\n';
          }
          continue;
        }
        const upper = line.toUpperCase();
        if (upper.startsWith('EHLO') || upper.startsWith('HELO')) socket.write('250-sink\r\n250 8BITMIME\r\n');
        else if (upper.startsWith('RCPT TO:')) {
          to.push(line.slice(8).trim().replace(/^<|>$/g, ''));
          socket.write('250 OK\r\n');
        } else if (upper.startsWith('DATA')) {
          data = '';
          socket.write('354 go on\r\n');
        } else if (upper.startsWith('QUIT')) socket.end('221 bye\r\n');
        else socket.write('250 OK\r\n');
      }
    });
    socket.on('error', () => {});
  })
  .listen(Number(port), '127.0.0.1');
