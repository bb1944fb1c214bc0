//! The accept loop: how long a client may take, how many may connect.
//!
//! [`serve`] runs hyper's HTTP/1 connection directly (not `axum::serve`)
//! so that it can set what `axum::serve` cannot:
//!
//! - a **header timeout**: a connection that has not sent a complete
//!   request head within [`ServerConfig::header_timeout`] of the server
//!   starting to wait for one is closed (a half-open or slow-loris client;
//!   also a kept-alive connection left idle that long);
//! - a **connection cap**: at most [`ServerConfig::max_connections`]
//!   connections are served at once; one more is answered `503
//!   too_many_connections` (with `Retry-After`) and closed at once;
//! - a **request deadline** ([`deadline`]): a request not answered within
//!   [`ServerConfig::request_timeout`] gets `503 deadline_exceeded`, and
//!   dropping it cancels its work (see `api::cancellable`);
//! - **graceful shutdown**: once the shutdown future resolves, no
//!   connection is accepted, in-flight requests finish, idle connections
//!   close. How long the process waits for them is the binary's
//!   `--shutdown-grace`.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, OwnedSemaphorePermit, Semaphore};
use tokio::task::JoinSet;

use crate::error::{ApiError, ApiErrorCode, ErrorBody, ErrorDetail};
use crate::state::ServerConfig;

/// How long a refused connection may take to receive its 503.
const REFUSAL_WRITE_TIMEOUT: Duration = Duration::from_secs(1);

/// Middleware: answers 503 `deadline_exceeded` when the request (body
/// read and work) takes longer than `timeout`; the handler's future is
/// dropped, which cancels its blocking work.
pub async fn deadline(State(timeout): State<Duration>, request: Request, next: Next) -> Response {
    match tokio::time::timeout(timeout, next.run(request)).await {
        Ok(response) => response,
        Err(_elapsed) => {
            tracing::warn!(
                timeout_s = timeout.as_secs_f64(),
                "request deadline passed; its work was cancelled"
            );
            ApiError::new(
                ApiErrorCode::DeadlineExceeded,
                format!(
                    "the request took longer than the server's deadline ({} s) and was stopped",
                    timeout.as_secs_f64()
                ),
            )
            .into_response()
        }
    }
}

/// Serves `router` on `listener` as the module documentation says, until
/// `shutdown` resolves and every connection has closed.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    config: ServerConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let slots = Arc::new(Semaphore::new(config.max_connections.max(1)));
    let (stop_sender, stop_receiver) = watch::channel(false);
    let mut connections = JoinSet::new();
    tokio::pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => accepted,
        };
        while connections.try_join_next().is_some() {}
        let stream = match accepted {
            Ok((stream, _peer)) => stream,
            Err(error) => {
                // A connection that failed before it was accepted is not
                // the server's failure; running out of descriptors is
                // worth a pause rather than a busy loop.
                tracing::warn!(%error, "accepting a connection failed");
                if !is_connection_error(&error) {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                continue;
            }
        };
        match slots.clone().try_acquire_owned() {
            Ok(slot) => {
                connections.spawn(serve_connection(
                    stream,
                    router.clone(),
                    config,
                    stop_receiver.clone(),
                    slot,
                ));
            }
            Err(_full) => {
                tracing::warn!(
                    max_connections = config.max_connections,
                    "connection refused: too many connections"
                );
                tokio::spawn(refuse(stream));
            }
        }
    }
    drop(listener);
    let _ignored = stop_sender.send(true);
    while connections.join_next().await.is_some() {}
    Ok(())
}

fn is_connection_error(error: &std::io::Error) -> bool {
    use std::io::ErrorKind;
    matches!(
        error.kind(),
        ErrorKind::ConnectionRefused | ErrorKind::ConnectionAborted | ErrorKind::ConnectionReset
    )
}

/// One connection, holding its slot until it closes.
async fn serve_connection(
    stream: TcpStream,
    router: Router,
    config: ServerConfig,
    mut stop: watch::Receiver<bool>,
    _slot: OwnedSemaphorePermit,
) {
    let _ignored = stream.set_nodelay(true);
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(config.header_timeout)
        .keep_alive(true);
    let connection =
        builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(router));
    tokio::pin!(connection);
    let result = tokio::select! {
        result = connection.as_mut() => result,
        () = async {
            // The borrow `wait_for` returns is not `Send`: drop it here.
            let _stopped = stop.wait_for(|stopped| *stopped).await.is_ok();
        } => {
            connection.as_mut().graceful_shutdown();
            connection.await
        }
    };
    if let Err(error) = result {
        // Header timeouts, resets and malformed requests end here.
        tracing::debug!(%error, "connection closed with an error");
    }
}

/// The whole HTTP/1.1 response a connection over the cap gets: 503
/// `too_many_connections`, written by hand because no router sees it.
fn refusal_response() -> String {
    let code = ApiErrorCode::TooManyConnections;
    let status = code.http_status();
    let body = serde_json::to_string(&ErrorBody {
        error: ErrorDetail::new(code, "the server is at its connection limit; retry shortly"),
    })
    .expect("an error body serializes");
    format!(
        "HTTP/1.1 {} {}\r\ncontent-type: application/json\r\n\
         content-length: {}\r\nretry-after: 1\r\nconnection: close\r\n\
         x-content-type-options: nosniff\r\ncache-control: no-store\r\n\r\n{body}",
        status.as_u16(),
        status.canonical_reason().unwrap_or_default(),
        body.len()
    )
}

/// Answers a connection over the cap with a 503 and closes it.
async fn refuse(mut stream: TcpStream) {
    let response = refusal_response();
    let _ignored = tokio::time::timeout(REFUSAL_WRITE_TIMEOUT, async {
        let _ignored = stream.write_all(response.as_bytes()).await;
        let _ignored = stream.shutdown().await;
        // Read what the client sent until it closes too, so closing does
        // not reset the connection before the client read the 503.
        let mut sink = [0u8; 4096];
        while let Ok(count) = stream.read(&mut sink).await {
            if count == 0 {
                break;
            }
        }
    })
    .await;
}

#[cfg(test)]
mod tests {
    use super::refusal_response;

    #[test]
    fn a_refused_connection_gets_the_too_many_connections_error() {
        let response = refusal_response();
        let (head, body) = response.split_once("\r\n\r\n").unwrap();
        assert!(
            head.starts_with("HTTP/1.1 503 Service Unavailable\r\n"),
            "{head}"
        );
        assert!(head.contains(&format!("content-length: {}\r\n", body.len())));
        assert_eq!(
            body,
            r#"{"error":{"code":"too_many_connections","message":"the server is at its connection limit; retry shortly"}}"#
        );
    }
}
