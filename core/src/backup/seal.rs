//! The seal of a backup: the zip's archive comment, `CCHCBAK1 sha256=<hex>`, holding the SHA-256
//! of every byte before it. The zip's own CRCs miss a flipped byte in a header, a name or a
//! time stamp; the seal catches any flipped byte, before anything is unpacked.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};

use sha2::{Digest, Sha256};

pub(crate) const PREFIX: &[u8] = b"CCHCBAK1 sha256=";
/// The comment's length: the prefix and 64 hex digits. The comment is the file's last bytes.
pub(crate) const LEN: usize = PREFIX.len() + 64;

/// The comment written while the archive is built; `finish` fills in the hash.
pub(crate) fn placeholder() -> String {
    format!("{}{}", String::from_utf8_lossy(PREFIX), "0".repeat(64))
}

/// A writer that hashes everything written to it except the last `LEN` bytes, which it holds
/// back until more arrive: at the end, the hash covers exactly what precedes the comment.
pub(crate) struct TailHasher<W> {
    inner: W,
    hasher: Sha256,
    tail: Vec<u8>,
}

impl<W: Write> TailHasher<W> {
    pub(crate) fn new(inner: W) -> Self {
        TailHasher {
            inner,
            hasher: Sha256::new(),
            tail: Vec::with_capacity(2 * LEN),
        }
    }

    /// The writer, the hex hash of all but the last `LEN` bytes, and those last bytes.
    pub(crate) fn finish(self) -> (W, String, Vec<u8>) {
        (
            self.inner,
            format!("{:x}", self.hasher.finalize()),
            self.tail,
        )
    }
}

impl<W: Write> Write for TailHasher<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        let written = &buf[..n];
        if written.len() >= LEN {
            self.hasher.update(&self.tail);
            self.tail.clear();
            let (body, last) = written.split_at(written.len() - LEN);
            self.hasher.update(body);
            self.tail.extend_from_slice(last);
        } else {
            self.tail.extend_from_slice(written);
            if self.tail.len() > LEN {
                let excess = self.tail.len() - LEN;
                self.hasher.update(&self.tail[..excess]);
                self.tail.drain(..excess);
            }
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Writes the hash into the placeholder at the end of a finished archive of `len` bytes.
pub(crate) fn stamp(file: &mut File, len: u64, hash_hex: &str) -> io::Result<()> {
    file.seek(SeekFrom::Start(len - 64))?;
    file.write_all(hash_hex.as_bytes())?;
    file.flush()
}

/// What the end of a file says about its seal.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum SealState {
    /// The hash in the comment matches every byte before it.
    Intact,
    /// The file does not end with a seal: not a CCHC Xã backup (or cut short).
    Missing,
    /// There is a seal, but the bytes before it no longer hash to it.
    Broken,
}

/// Reads the whole file and checks its seal; `progress(done, total)` as it goes.
pub(crate) fn check(file: &mut File, progress: &mut dyn FnMut(u64, u64)) -> io::Result<SealState> {
    let len = file.metadata()?.len();
    let Some(body_len) = len.checked_sub(LEN as u64) else {
        return Ok(SealState::Missing);
    };
    let mut comment = [0u8; LEN];
    file.seek(SeekFrom::Start(body_len))?;
    file.read_exact(&mut comment)?;
    let (prefix, hex) = comment.split_at(PREFIX.len());
    if prefix != PREFIX {
        return Ok(SealState::Missing);
    }
    file.seek(SeekFrom::Start(0))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 256 * 1024];
    let mut done = 0u64;
    while done < body_len {
        let want = usize::try_from((body_len - done).min(buf.len() as u64)).unwrap_or(buf.len());
        let n = file.read(&mut buf[..want])?;
        if n == 0 {
            return Err(io::Error::from(io::ErrorKind::UnexpectedEof));
        }
        hasher.update(&buf[..n]);
        done += n as u64;
        progress(done, body_len);
    }
    let actual = format!("{:x}", hasher.finalize());
    Ok(if actual.as_bytes() == hex {
        SealState::Intact
    } else {
        SealState::Broken
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tail_is_held_back_however_the_writes_are_cut() {
        let data: Vec<u8> = (0..1000u32).map(|i| (i * 7 % 251) as u8).collect();
        let expected = format!("{:x}", Sha256::digest(&data[..data.len() - LEN]));
        for chunk in [1, 3, LEN - 1, LEN, LEN + 1, 333, 1000] {
            let mut w = TailHasher::new(Vec::new());
            for piece in data.chunks(chunk) {
                w.write_all(piece).unwrap();
            }
            let (out, hash, tail) = w.finish();
            assert_eq!(out, data);
            assert_eq!(hash, expected, "chunks of {chunk}");
            assert_eq!(tail, &data[data.len() - LEN..]);
        }
    }

    #[test]
    fn a_flipped_byte_anywhere_breaks_the_seal() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("a.bin");
        let mut w = TailHasher::new(Vec::new());
        w.write_all(&[42u8; 500]).unwrap();
        w.write_all(placeholder().as_bytes()).unwrap();
        let (mut bytes, hash, tail) = w.finish();
        assert_eq!(tail, placeholder().as_bytes());
        let n = bytes.len();
        bytes[n - 64..].copy_from_slice(hash.as_bytes());
        std::fs::write(&path, &bytes).unwrap();
        let state =
            |p: &std::path::Path| check(&mut File::open(p).unwrap(), &mut |_, _| {}).unwrap();
        assert_eq!(state(&path), SealState::Intact);
        for at in [0, 250, n - LEN - 1, n - 1, n - 64] {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x01;
            std::fs::write(&path, &damaged).unwrap();
            assert_ne!(state(&path), SealState::Intact, "byte {at}");
        }
        std::fs::write(&path, b"PK\x03\x04 short").unwrap();
        assert_eq!(state(&path), SealState::Missing);
    }
}
