//! Where a loaded transcript's lines are read back from while replaying:
//! the text itself ([`Replay::from_str`](crate::Replay::from_str)), or the
//! file, through a small cache of its blocks
//! ([`Replay::from_file`](crate::Replay::from_file)).
//!
//! The index ([`crate::recorded`]) keeps, per event, where its line is, and
//! reads it back when a payload is compared, served or shown. A file is read
//! in aligned blocks of [`BLOCK`] bytes, at most [`CACHED_BLOCKS`] of them
//! kept (least recently used goes first), so the memory a replay holds for
//! payloads does not grow with the transcript. Replay moves through a
//! transcript mostly in order, so one block read serves hundreds of lines.
//!
//! The file may change after it was indexed. Each block is hashed (xxh3)
//! while the index is built, from the very bytes the index was built from,
//! and checked when it is read again: a block that differs is a
//! [`Reread::Changed`], never a payload the index does not describe.

use std::cell::RefCell;
use std::fs::File;
use std::io::{self, BufRead, Read, Seek, SeekFrom};
use std::ops::Deref;
use std::rc::Rc;
use std::sync::{Arc, Mutex, PoisonError};

use xxhash_rust::xxh3::{Xxh3, xxh3_64};

/// The size of a block of the file, read and cached as a whole.
pub(crate) const BLOCK: usize = 64 * 1024;

/// How many blocks the cache keeps (1 MiB).
pub(crate) const CACHED_BLOCKS: usize = 16;

/// Why a line could not be read back.
#[derive(Debug)]
pub(crate) enum Reread {
    /// The bytes differ from those the index was built from.
    Changed,
    /// The file could not be read.
    Io(io::Error),
}

/// The transcript's text, or its file.
#[derive(Debug)]
pub(crate) enum Store {
    Memory(Arc<[u8]>),
    File(FileStore),
}

/// A transcript file, with the hashes of its blocks as indexed.
#[derive(Debug)]
pub(crate) struct FileStore {
    hashes: Vec<u64>,
    /// How many bytes of the file were read (and hashed) while indexing.
    len: u64,
    cache: Mutex<Cache>,
}

#[derive(Debug)]
struct Cache {
    file: File,
    /// Cached blocks: number, bytes, when last used.
    blocks: Vec<(u64, Arc<[u8]>, u64)>,
    clock: u64,
}

/// Bytes read back: a part of a shared block or text, or a copy.
#[derive(Debug)]
pub(crate) enum Bytes {
    Shared(Arc<[u8]>, usize, usize),
    Owned(Vec<u8>),
}

impl Deref for Bytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Shared(bytes, start, end) => bytes.get(*start..*end).unwrap_or_default(),
            Bytes::Owned(bytes) => bytes,
        }
    }
}

impl Store {
    /// The bytes from offset `start` to `end`.
    pub(crate) fn read(&self, start: u64, end: u64) -> Result<Bytes, Reread> {
        match self {
            Store::Memory(text) => {
                let range = usize::try_from(start).ok().zip(usize::try_from(end).ok());
                match range {
                    Some((s, e)) if s <= e && e <= text.len() => {
                        Ok(Bytes::Shared(text.clone(), s, e))
                    }
                    _ => Err(Reread::Changed),
                }
            }
            Store::File(file) => file.read(start, end),
        }
    }
}

impl FileStore {
    fn read(&self, start: u64, end: u64) -> Result<Bytes, Reread> {
        if start > end || end > self.len {
            return Err(Reread::Changed);
        }
        let block = BLOCK as u64;
        let (first, last) = (start / block, end.saturating_sub(1) / block);
        // Offsets within a block are below BLOCK: the casts cannot truncate.
        let within = |at: u64, no: u64| (at - no * block) as usize;
        if first == last || start == end {
            let bytes = self.block(first, true)?;
            let (s, e) = (within(start, first), within(end, first));
            return match bytes.get(s..e) {
                Some(_) => Ok(Bytes::Shared(bytes, s, e)),
                None => Err(Reread::Changed),
            };
        }
        // A long line: copied out of its blocks, which are not cached (they
        // would push out the blocks replay is moving through).
        let mut out = Vec::with_capacity(usize::try_from(end - start).unwrap_or(0));
        for no in first..=last {
            let bytes = self.block(no, no == first || no == last)?;
            let s = if no == first { within(start, no) } else { 0 };
            let e = if no == last {
                within(end, no)
            } else {
                bytes.len()
            };
            out.extend_from_slice(bytes.get(s..e).ok_or(Reread::Changed)?);
        }
        Ok(Bytes::Owned(out))
    }

    /// Block `no`, from the cache or from the file (then checked against
    /// its hash, and cached when `keep`).
    fn block(&self, no: u64, keep: bool) -> Result<Arc<[u8]>, Reread> {
        let mut cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
        cache.clock += 1;
        let now = cache.clock;
        if let Some(hit) = cache.blocks.iter_mut().find(|b| b.0 == no) {
            hit.2 = now;
            return Ok(hit.1.clone());
        }
        let expected = usize::try_from(no)
            .ok()
            .and_then(|i| self.hashes.get(i))
            .ok_or(Reread::Changed)?;
        let start = no * BLOCK as u64;
        let len = (self.len - start).min(BLOCK as u64) as usize;
        let mut bytes = vec![0; len];
        cache
            .file
            .seek(SeekFrom::Start(start))
            .and_then(|_| cache.file.read_exact(&mut bytes))
            .map_err(|e| match e.kind() {
                io::ErrorKind::UnexpectedEof => Reread::Changed,
                _ => Reread::Io(e),
            })?;
        if xxh3_64(&bytes) != *expected {
            return Err(Reread::Changed);
        }
        let bytes: Arc<[u8]> = bytes.into();
        if keep {
            if cache.blocks.len() == CACHED_BLOCKS {
                if let Some(oldest) = (0..cache.blocks.len()).min_by_key(|&i| cache.blocks[i].2) {
                    cache.blocks.swap_remove(oldest);
                }
            }
            cache.blocks.push((no, bytes.clone(), now));
        }
        Ok(bytes)
    }
}

/// What the index pass learns about the bytes it reads: how many were
/// consumed (the start of the next line), and the hash of each block.
#[derive(Default)]
pub(crate) struct Tally {
    /// Bytes consumed by the transcript reader.
    pub(crate) consumed: u64,
    hasher: Option<Box<Xxh3>>,
    /// Bytes hashed into the current block.
    filled: usize,
    hashes: Vec<u64>,
    /// Bytes read from the file (and hashed).
    read: u64,
    /// The bytes consumed, when kept (input that is not a file).
    kept: Option<Vec<u8>>,
}

impl Tally {
    /// A tally that keeps the bytes consumed.
    pub(crate) fn keeping() -> Tally {
        Tally {
            kept: Some(Vec::new()),
            ..Tally::default()
        }
    }

    /// The bytes consumed, if kept.
    pub(crate) fn into_kept(self) -> Vec<u8> {
        self.kept.unwrap_or_default()
    }

    fn hash(&mut self, mut bytes: &[u8]) {
        self.read += bytes.len() as u64;
        while !bytes.is_empty() {
            let hasher = self.hasher.get_or_insert_with(Default::default);
            let take = (BLOCK - self.filled).min(bytes.len());
            hasher.update(&bytes[..take]);
            self.filled += take;
            bytes = &bytes[take..];
            if self.filled == BLOCK {
                self.hashes.push(hasher.digest());
                hasher.reset();
                self.filled = 0;
            }
        }
    }

    /// The store over `file`, with the hashes of what was read of it.
    pub(crate) fn into_store(mut self, file: File) -> Store {
        if self.filled > 0 {
            if let Some(hasher) = &self.hasher {
                self.hashes.push(hasher.digest());
            }
        }
        Store::File(FileStore {
            hashes: self.hashes,
            len: self.read,
            cache: Mutex::new(Cache {
                file,
                blocks: Vec::with_capacity(CACHED_BLOCKS),
                clock: 0,
            }),
        })
    }
}

/// A file read for the index pass: every byte read is hashed into its block.
pub(crate) struct Hashing<R> {
    pub(crate) inner: R,
    pub(crate) tally: Rc<RefCell<Tally>>,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.tally.borrow_mut().hash(&buf[..n]);
        Ok(n)
    }
}

/// Buffered input that counts the bytes its reader consumes: after a line
/// is read, the count is where the next one starts.
pub(crate) struct Counting<B> {
    pub(crate) inner: B,
    pub(crate) tally: Rc<RefCell<Tally>>,
}

impl<B: BufRead> Read for Counting<B> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.inner.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<B: BufRead> BufRead for Counting<B> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        let mut tally = self.tally.borrow_mut();
        tally.consumed += amt as u64;
        if let Some(kept) = &mut tally.kept {
            // The bytes consumed are at the front of the buffer, which
            // `fill_buf` returns again without reading.
            if let Ok(buf) = self.inner.fill_buf() {
                kept.extend_from_slice(&buf[..amt.min(buf.len())]);
            }
        }
        drop(tally);
        self.inner.consume(amt);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufReader, Write};

    fn indexed(text: &[u8]) -> (tempfile::NamedTempFile, Store) {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(text).unwrap();
        let tally = Rc::new(RefCell::new(Tally::default()));
        let mut input = Counting {
            inner: BufReader::new(Hashing {
                inner: File::open(file.path()).unwrap(),
                tally: tally.clone(),
            }),
            tally: tally.clone(),
        };
        let mut all = Vec::new();
        input.read_to_end(&mut all).unwrap();
        assert_eq!(tally.borrow().consumed, text.len() as u64);
        drop(input);
        let tally = Rc::try_unwrap(tally).ok().unwrap().into_inner();
        let store = tally.into_store(File::open(file.path()).unwrap());
        (file, store)
    }

    #[test]
    fn reads_spans_within_and_across_blocks() {
        let text: Vec<u8> = (0..BLOCK * 3 + 100).map(|i| (i % 251) as u8).collect();
        let (_file, store) = indexed(&text);
        for (s, e) in [
            (0, 10),
            (BLOCK - 5, BLOCK + 5),
            (10, BLOCK * 3 + 90),
            (7, 7),
        ] {
            let bytes = store.read(s as u64, e as u64).unwrap();
            assert_eq!(&*bytes, &text[s..e], "{s}..{e}");
        }
        assert!(matches!(
            store.read(0, text.len() as u64 + 1),
            Err(Reread::Changed)
        ));
    }

    #[test]
    fn a_changed_block_is_refused_and_the_cache_stays_bounded() {
        let text = vec![b'a'; BLOCK * (CACHED_BLOCKS + 4)];
        let (file, store) = indexed(&text);
        for no in 0..CACHED_BLOCKS + 4 {
            let at = (no * BLOCK) as u64;
            assert_eq!(&*store.read(at, at + 3).unwrap(), b"aaa");
        }
        let Store::File(f) = &store else { panic!() };
        assert_eq!(f.cache.lock().unwrap().blocks.len(), CACHED_BLOCKS);
        // Block 0 was pushed out; change one byte of it on disk.
        let mut changed = text.clone();
        changed[10] = b'b';
        std::fs::write(file.path(), &changed).unwrap();
        assert!(matches!(store.read(0, 3), Err(Reread::Changed)));
        // A truncated file too.
        std::fs::write(file.path(), &text[..BLOCK]).unwrap();
        let at = (BLOCK * 2) as u64;
        assert!(matches!(store.read(at, at + 3), Err(Reread::Changed)));
    }
}
