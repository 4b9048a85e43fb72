//! The real `folio serve` process on a loopback port, and a plain
//! HTTP/1.1 client over raw sockets: for what only a real process shows
//! (signals, `kill -9`, slow clients, the accept loop).

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

pub struct Served {
    child: Child,
    pub addr: SocketAddr,
    pub db: PathBuf,
    dir: tempfile::TempDir,
    env: Vec<(String, String)>,
}

/// The server's stderr, in its folder.
const LOG: &str = "server.log";

impl Served {
    /// A fresh database with the demo site and the test author, served by
    /// the real binary with `extra` flags.
    pub fn start(extra: &[&str]) -> Self {
        Self::start_with_env(extra, &[])
    }

    /// As `start`, with environment variables for the server (`RUST_LOG`
    /// defaults to `error`). Its log is in `log()`.
    pub fn start_with_env(extra: &[&str], env: &[(&str, &str)]) -> Self {
        let dir = tempfile::tempdir().expect("temporary folder");
        let db = dir.path().join("folio.db");
        let mut add = Command::new(env!("CARGO_BIN_EXE_folio"))
            .args(["user", "add", super::AUTHOR, "--password-stdin", "--db"])
            .arg(&db)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("folio user add runs");
        {
            use std::io::Write;
            let mut stdin = add.stdin.take().expect("stdin");
            writeln!(stdin, "{}", super::PASSWORD).expect("password sent");
        }
        assert!(add.wait().expect("user add ends").success());
        let env = env
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        Self::serve(dir, db, extra, env)
    }

    /// Serves the same database again after the process ended.
    pub fn restart(&mut self, extra: &[&str]) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let (child, addr) = spawn(&self.db, self.dir.path(), extra, &self.env);
        self.child = child;
        self.addr = addr;
    }

    fn serve(
        dir: tempfile::TempDir,
        db: PathBuf,
        extra: &[&str],
        env: Vec<(String, String)>,
    ) -> Self {
        let (child, addr) = spawn(&db, dir.path(), extra, &env);
        Self {
            child,
            addr,
            db,
            dir,
            env,
        }
    }

    /// What the server has written to stderr so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join(LOG)).unwrap_or_default()
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends a signal by name (`TERM`, `KILL`).
    pub fn signal(&self, name: &str) {
        let sent = Command::new("kill")
            .arg(format!("-{name}"))
            .arg(self.pid().to_string())
            .status()
            .expect("kill runs");
        assert!(sent.success());
    }

    /// Waits for the process to end, at most `limit`.
    pub fn wait(&mut self, limit: Duration) -> Option<ExitStatus> {
        let start = Instant::now();
        while start.elapsed() < limit {
            if let Some(status) = self.child.try_wait().expect("process state") {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    pub fn folder(&self) -> &std::path::Path {
        self.dir.path()
    }
}

/// Starts `folio serve` on a free loopback port and reads the address
/// from its start-up line.
fn spawn(
    db: &std::path::Path,
    root: &std::path::Path,
    extra: &[&str],
    env: &[(String, String)],
) -> (Child, SocketAddr) {
    let log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(root.join(LOG))
        .expect("a log file");
    let mut child = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(db)
        .arg("--site-root")
        .arg(root)
        .args(extra)
        .env("RUST_LOG", "error")
        .envs(env.iter().map(|(k, v)| (k, v)))
        .stdout(Stdio::piped())
        .stderr(log)
        .spawn()
        .expect("folio serve starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut stdout = BufReader::new(stdout);
    let mut line = String::new();
    stdout.read_line(&mut line).expect("the start-up line");
    // Keep reading, so later lines never meet a closed pipe.
    std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
    let addr = line
        .rsplit("http://")
        .next()
        .and_then(|a| a.trim().parse().ok())
        .unwrap_or_else(|| panic!("no address in {line:?}"));
    (child, addr)
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An answer read to the end of the connection.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: String,
    pub body: Vec<u8>,
    /// The body is as long as Content-Length said (or ended its chunks).
    pub complete: bool,
}

impl Answer {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name)
                .then(|| value.trim().to_owned())
        })
    }
}

/// Parses a whole HTTP/1.1 response; `None` when not even a status line
/// and headers arrived.
pub fn parse(raw: &[u8]) -> Option<Answer> {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let status = head.split_whitespace().nth(1)?.parse().ok()?;
    let rest = &raw[end + 4..];
    let mut answer = Answer {
        status,
        headers: head.clone(),
        body: rest.to_vec(),
        complete: false,
    };
    if let Some(length) = answer.header("content-length") {
        answer.complete = length.parse::<usize>().ok() == Some(rest.len());
    } else if answer
        .header("transfer-encoding")
        .is_some_and(|t| t.contains("chunked"))
    {
        answer.complete = rest.ends_with(b"0\r\n\r\n");
    } else {
        answer.complete = status == 304 || status == 204;
    }
    Some(answer)
}

/// Sends `request` (which should say `Connection: close`) on a new
/// connection and reads until the server closes it.
pub async fn exchange(addr: SocketAddr, request: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut stream = TcpStream::connect(addr).await?;
    stream.write_all(request).await?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await?;
    Ok(raw)
}

pub fn get(path: &str) -> Vec<u8> {
    format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").into_bytes()
}

/// A JSON POST to a server function, with the session cookie if given.
pub fn post_json(path: &str, body: &str, cookie: Option<&str>) -> Vec<u8> {
    let cookie = cookie
        .map(|c| format!("Cookie: {c}\r\n"))
        .unwrap_or_default();
    format!(
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\
         Content-Type: application/json\r\nAccept: application/json\r\n{cookie}\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// Signs the test author in through the form; returns the session cookie.
pub async fn sign_in(addr: SocketAddr) -> String {
    let form = format!(
        "username={}&password={}",
        super::AUTHOR,
        super::PASSWORD.replace(' ', "+")
    );
    let request = format!(
        "POST /admin/login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{form}",
        form.len()
    );
    let raw = exchange(addr, request.as_bytes()).await.expect("sign-in");
    let answer = parse(&raw).expect("an answer");
    assert_eq!(answer.status, 303, "{}", answer.headers);
    answer
        .headers
        .lines()
        .filter(|l| l.to_ascii_lowercase().starts_with("set-cookie:"))
        .find_map(|l| {
            let cookie = l.split_once(':')?.1.trim().split(';').next()?;
            cookie.contains("folio_session=").then(|| cookie.to_owned())
        })
        .expect("a session cookie")
}
