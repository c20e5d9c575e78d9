//! Native messaging's framing: a 4-byte length in the machine's byte order, then that many
//! bytes of UTF-8 JSON, both ways.

use ccp_model::browser::{MAX_REPLY_BYTES, MAX_REQUEST_BYTES, Reply};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

/// What one read from the browser gave.
#[derive(Debug, PartialEq, Eq)]
pub enum Incoming {
    Frame(Vec<u8>),
    /// Longer than [`MAX_REQUEST_BYTES`]: skipped without being kept in memory.
    TooLarge(u32),
    /// The browser closed the pipe between frames: the end.
    Closed,
    /// The pipe ended inside a frame.
    Truncated,
}

pub async fn read(input: &mut (impl AsyncRead + Unpin)) -> Incoming {
    let mut len = [0u8; 4];
    match input.read_exact(&mut len).await {
        Ok(_) => {}
        Err(_) => return Incoming::Closed,
    }
    let len = u32::from_ne_bytes(len);
    if len as usize > MAX_REQUEST_BYTES {
        // Read and dropped in pieces, so a huge claim costs no memory.
        let mut left = u64::from(len);
        let mut sink = [0u8; 8192];
        while left > 0 {
            let n = left.min(sink.len() as u64) as usize;
            if input.read_exact(&mut sink[..n]).await.is_err() {
                return Incoming::Truncated;
            }
            left -= n as u64;
        }
        return Incoming::TooLarge(len);
    }
    let mut body = vec![0u8; len as usize];
    match input.read_exact(&mut body).await {
        Ok(_) => Incoming::Frame(body),
        Err(_) => Incoming::Truncated,
    }
}

/// Writes one reply; one that would exceed what a browser accepts becomes an error reply.
pub async fn write(output: &mut (impl AsyncWrite + Unpin), reply: &Reply) -> std::io::Result<()> {
    let mut body = serde_json::to_vec(reply).map_err(std::io::Error::other)?;
    if body.len() > MAX_REPLY_BYTES {
        let short = Reply::error(reply.id.clone(), "the answer was too large to send");
        body = serde_json::to_vec(&short).map_err(std::io::Error::other)?;
    }
    output.write_all(&(body.len() as u32).to_ne_bytes()).await?;
    output.write_all(&body).await?;
    output.flush().await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn framed(body: &[u8]) -> Vec<u8> {
        let mut out = (body.len() as u32).to_ne_bytes().to_vec();
        out.extend_from_slice(body);
        out
    }

    #[tokio::test]
    async fn frames_are_read_skipped_when_too_large_and_cut_ones_are_named() {
        let mut input = framed(b"{}");
        input.extend(framed(&vec![b' '; MAX_REQUEST_BYTES + 1]));
        input.extend(framed(b"{\"a\":1}"));
        input.extend_from_slice(&10u32.to_ne_bytes());
        input.extend_from_slice(b"{\"a\"");
        let mut r = input.as_slice();
        assert_eq!(read(&mut r).await, Incoming::Frame(b"{}".to_vec()));
        assert_eq!(
            read(&mut r).await,
            Incoming::TooLarge(MAX_REQUEST_BYTES as u32 + 1)
        );
        assert_eq!(read(&mut r).await, Incoming::Frame(b"{\"a\":1}".to_vec()));
        assert_eq!(read(&mut r).await, Incoming::Truncated);
        assert_eq!(read(&mut r).await, Incoming::Closed);
    }
}
