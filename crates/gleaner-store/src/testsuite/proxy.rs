//! A TCP forwarder for outage tests: a store (or stream) client connects
//! through it, the test cuts it (every connection closed, nothing
//! listening) and later starts a new one on the same port, which is what a
//! server outage and recovery look like from the client.

use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// A TCP forwarder that can be cut (every connection closed, nothing
/// listening) and restarted on the same port: a server outage as the store
/// sees it.
pub struct Proxy {
    /// The port it listens on.
    pub port: u16,
    stop: Arc<AtomicBool>,
    accept_thread: Option<JoinHandle<()>>,
    streams: Arc<Mutex<Vec<TcpStream>>>,
}

impl Proxy {
    /// Listens on `port` (0: any free port) and forwards every connection
    /// to `target`.
    pub fn start(port: u16, target: SocketAddr) -> Self {
        let listener = TcpListener::bind(("127.0.0.1", port)).unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let stop = Arc::new(AtomicBool::new(false));
        let streams = Arc::new(Mutex::new(Vec::new()));
        let accept_thread = {
            let stop = Arc::clone(&stop);
            let streams = Arc::clone(&streams);
            thread::spawn(move || {
                while !stop.load(Ordering::SeqCst) {
                    match listener.accept() {
                        Ok((client, _)) => {
                            client.set_nonblocking(false).unwrap();
                            let Ok(upstream) = TcpStream::connect(target) else {
                                continue;
                            };
                            let mut registered = streams.lock().unwrap();
                            registered.push(client.try_clone().unwrap());
                            registered.push(upstream.try_clone().unwrap());
                            drop(registered);
                            pump(client.try_clone().unwrap(), upstream.try_clone().unwrap());
                            pump(upstream, client);
                        }
                        Err(error) if error.kind() == io::ErrorKind::WouldBlock => {
                            thread::sleep(Duration::from_millis(5));
                        }
                        Err(_) => return,
                    }
                }
            })
        };
        Self {
            port,
            stop,
            accept_thread: Some(accept_thread),
            streams,
        }
    }

    /// Stops listening and closes every forwarded connection; returns the
    /// port, so a new proxy can take it again (the server comes back).
    pub fn cut(mut self) -> u16 {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.accept_thread.take() {
            thread.join().unwrap();
        }
        for stream in self.streams.lock().unwrap().drain(..) {
            let _ignored = stream.shutdown(Shutdown::Both);
        }
        self.port
    }
}

fn pump(mut from: TcpStream, mut to: TcpStream) {
    thread::spawn(move || {
        let mut buffer = [0_u8; 16 * 1024];
        loop {
            match from.read(&mut buffer) {
                Ok(0) | Err(_) => break,
                Ok(read) => {
                    if to.write_all(&buffer[..read]).is_err() {
                        break;
                    }
                }
            }
        }
        let _ignored = to.shutdown(Shutdown::Both);
    });
}
