//! Go's bounded parallel digester, from the Go blog's "Go Concurrency
//! Patterns: Pipelines and cancellation" (its `bounded.go`), ported line
//! for line: a goroutine walks a directory tree and sends the paths of its
//! files; a fixed number of digesters read and hash them; `MD5All` collects
//! the sums, and closing `done` when it returns (also early, on an error)
//! stops every stage. Go's comments are kept where the code is theirs.
//!
//! Differences, each forced by Rust or by this crate: the hash is FNV-1a
//! (no MD5 in `std`); `close(done)` on return is the drop of `done`'s last
//! sender; `for path := range paths` is `while let Some(path) =
//! paths.recv().await`; the walk and the reads are blocking file I/O inside
//! tasks, as in Go's version, which Go's runtime hides by parking the
//! thread; here they hold the executor's thread while they run.
//!
//! `cargo run --example digester [directory]` (default: this crate's src)

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::{fs, io};

use coro_runtime::sched::{self, Executor, Receiver, Sender, WaitGroup, channel};
use coro_runtime::select;

/// The sum of a file: FNV-1a, 64 bits.
type Sum = u64;

fn fnv1a(data: &[u8]) -> Sum {
    data.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// walkFiles starts a goroutine to walk the directory tree at root and send
/// the path of each regular file on the string channel. It sends the result
/// of the walk on the error channel. If done is closed, walkFiles abandons
/// its work.
fn walk_files(done: Receiver<()>, root: PathBuf) -> (Receiver<PathBuf>, Receiver<io::Result<()>>) {
    let (paths_tx, paths) = channel(0);
    let (errc_tx, errc) = channel(1);
    sched::spawn(walk(done, root, paths_tx, errc_tx));
    (paths, errc)
}

/// The goroutine of `walkFiles`: `filepath.Walk` with its callback.
#[coro_runtime::coroutine]
fn walk(done: Receiver<()>, root: PathBuf, paths: Sender<PathBuf>, errc: Sender<io::Result<()>>) {
    // Close the paths channel after Walk returns (when `paths` drops).
    let mut dirs = vec![root];
    let result = 'walk: loop {
        let Some(dir) = dirs.pop() else {
            break Ok(());
        };
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(err) => break Err(err),
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => break 'walk Err(err),
            };
            let kind = match entry.file_type() {
                Ok(kind) => kind,
                Err(err) => break 'walk Err(err),
            };
            if kind.is_dir() {
                dirs.push(entry.path());
                continue;
            }
            if !kind.is_file() {
                continue;
            }
            select! {
                _ = paths.send(entry.path()) => {}
                _ = done.recv() => break 'walk Err(io::Error::other("walk canceled")),
            }
        }
    };
    // No select needed for this send, since errc is buffered.
    let _ = errc.send(result).await;
}

/// A result is the product of reading and summing a file.
struct Digest {
    path: PathBuf,
    sum: io::Result<Sum>,
}

/// digester reads path names from paths and sends digests of the
/// corresponding files on c until either paths or done is closed.
#[coro_runtime::coroutine]
fn digester(done: Receiver<()>, paths: Receiver<PathBuf>, c: Sender<Digest>) {
    while let Some(path) = paths.recv().await {
        let sum = fs::read(&path).map(|data| fnv1a(&data));
        select! {
            _ = c.send(Digest { path, sum }) => {}
            _ = done.recv() => return,
        }
    }
}

/// `go func() { digester(done, paths, c); wg.Done() }()`
#[coro_runtime::coroutine]
fn digester_then_done(
    done: Receiver<()>,
    paths: Receiver<PathBuf>,
    c: Sender<Digest>,
    wg: WaitGroup,
) {
    digester(done, paths, c).await;
    wg.done();
}

/// `go func() { wg.Wait(); close(c) }()`
#[coro_runtime::coroutine]
fn close_when_done(wg: WaitGroup, c: Sender<Digest>) {
    wg.wait().await;
    c.close();
}

/// MD5All reads all the files in the file tree rooted at root and returns a
/// map from file path to the sum of the file's contents. If the directory
/// walk fails or any read operation fails, MD5All returns an error. In that
/// case, MD5All does not wait for inflight read operations to complete.
#[coro_runtime::coroutine]
fn md5_all(root: PathBuf) -> io::Result<BTreeMap<PathBuf, Sum>> {
    // MD5All closes the done channel when it returns; it may do so before
    // receiving all the values from c and errc.
    let (_close_done, done) = channel::<()>(0);

    let (paths, errc) = walk_files(done.clone(), root);

    // Start a fixed number of goroutines to read and digest files.
    let (c_tx, c) = channel(0);
    let wg = WaitGroup::new();
    const NUM_DIGESTERS: usize = 20;
    wg.add(NUM_DIGESTERS);
    for _ in 0..NUM_DIGESTERS {
        sched::spawn(digester_then_done(
            done.clone(),
            paths.clone(),
            c_tx.clone(),
            wg.clone(),
        ));
    }
    sched::spawn(close_when_done(wg, c_tx));
    // End of pipeline.

    let mut m = BTreeMap::new();
    while let Some(r) = c.recv().await {
        m.insert(r.path, r.sum?);
    }
    // Check whether the Walk failed.
    errc.recv().await.unwrap_or(Ok(()))?;
    Ok(m)
}

fn main() {
    let root = std::env::args().nth(1).map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src"),
        PathBuf::from,
    );
    // Calculate the sum of all files under the specified directory, then
    // print the results sorted by path name.
    let m = Executor::new()
        .block_on(md5_all(root))
        .expect("no deadlock");
    match m {
        Ok(m) => {
            for (path, sum) in &m {
                println!("{sum:016x}  {}", path.display());
            }
        }
        Err(err) => {
            eprintln!("{err}");
            std::process::exit(1);
        }
    }
}
