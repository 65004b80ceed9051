//! Integration tests of the `graph` binary: a module per subcommand.
//!
//! Every test runs in its own temporary directory (so `output/graph.json`
//! never collides), with the files it needs copied in.

mod build;
mod central;
mod errors;
mod export;
mod extract;
mod habits;
mod questions;
mod stats;
mod timeline;
mod unweighted;

use std::path::PathBuf;

use assert_cmd::Command;

/// The repository root (where `data/` lives).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A scratch directory holding a copy of `data/s1.csv` as `data/s1.csv`.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Default for Sandbox {
    fn default() -> Self {
        Self::new()
    }
}

impl Sandbox {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("data")).unwrap();
        std::fs::copy(repo().join("data/s1.csv"), dir.path().join("data/s1.csv")).unwrap();
        Sandbox { dir }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Writes a file (creating folders) and returns its path.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&p, contents).unwrap();
        p
    }

    /// `graph ARGS...` run in the sandbox.
    pub fn graph(&self, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("graph").unwrap();
        cmd.current_dir(self.dir.path()).args(args);
        cmd
    }

    /// `graph build data/s1.csv`, asserted to succeed.
    pub fn build_s1(&self) -> &Self {
        self.graph(&["build", "data/s1.csv"]).assert().success();
        self
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap()
    }

    /// Names of the files in a folder of the sandbox.
    pub fn files_in(&self, rel: &str) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.path(rel))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

/// Standard output of a successful command.
pub fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}
