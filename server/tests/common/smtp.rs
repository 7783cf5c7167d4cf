//! A real SMTP server for the tests: it accepts every message and keeps it
//! (recipients and the decoded text), so a test reads what was sent.
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

#[derive(Debug, Clone)]
pub struct Received {
    pub to: Vec<String>,
    /// The message as sent, its headers unfolded and its body's
    /// quoted-printable undone.
    pub text: String,
}

#[derive(Clone, Default)]
pub struct Sink {
    pub received: Arc<Mutex<Vec<Received>>>,
}

impl Sink {
    /// Starts a sink on a free port; returns it and its `smtp://` URL.
    pub async fn start() -> (Sink, String) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("smtp://{}", listener.local_addr().unwrap());
        let sink = Sink::default();
        let kept = sink.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let kept = kept.clone();
                tokio::spawn(async move {
                    let _ = kept.serve(stream).await;
                });
            }
        });
        (sink, url)
    }

    async fn serve(&self, stream: tokio::net::TcpStream) -> std::io::Result<()> {
        stream.set_nodelay(true)?;
        let (read, mut write) = stream.into_split();
        let mut lines = BufReader::new(read);
        write.write_all(b"220 sink ESMTP\r\n").await?;
        let mut to = Vec::new();
        let mut line = String::new();
        loop {
            line.clear();
            if lines.read_line(&mut line).await? == 0 {
                return Ok(());
            }
            let upper = line.to_ascii_uppercase();
            if upper.starts_with("EHLO") || upper.starts_with("HELO") {
                write.write_all(b"250-sink\r\n250 8BITMIME\r\n").await?;
            } else if upper.starts_with("RCPT TO:") {
                to.push(line[8..].trim().trim_matches(['<', '>']).to_owned());
                write.write_all(b"250 OK\r\n").await?;
            } else if upper.starts_with("DATA") {
                write.write_all(b"354 go on\r\n").await?;
                let mut data = String::new();
                loop {
                    line.clear();
                    if lines.read_line(&mut line).await? == 0 {
                        return Ok(());
                    }
                    if line == ".\r\n" {
                        break;
                    }
                    data.push_str(line.strip_prefix('.').unwrap_or(&line));
                }
                self.received.lock().unwrap().push(Received {
                    to: std::mem::take(&mut to),
                    text: match data.split_once("\r\n\r\n") {
                        // Headers as sent (unfolded), the body decoded.
                        Some((head, body)) => format!("{}\r\n\r\n{}", head.replace("\r\n ", " "), unquote(body)),
                        None => unquote(&data),
                    },
                });
                write.write_all(b"250 kept\r\n").await?;
            } else if upper.starts_with("QUIT") {
                write.write_all(b"221 bye\r\n").await?;
                return Ok(());
            } else {
                write.write_all(b"250 OK\r\n").await?;
            }
        }
    }

    pub fn messages(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    /// Waits (up to 20 s) until `n` messages have arrived.
    pub async fn wait_for(&self, n: usize) -> Vec<Received> {
        for _ in 0..200 {
            let m = self.messages();
            if m.len() >= n {
                return m;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("{n} messages expected, {} arrived", self.messages().len());
    }
}

/// Quoted-printable undone: soft line breaks joined, `=XX` decoded.
fn unquote(s: &str) -> String {
    let joined = s.replace("=\r\n", "");
    let b = joined.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'=' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
