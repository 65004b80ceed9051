//! The README's test command on a machine that lacks what the tests drive:
//! `scripts/test` names what is missing (and installs it when it can).

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A PATH holding only the tools `scripts/test` itself needs (no Graphviz).
fn bare_path(dir: &Path) -> String {
    for tool in ["bash", "id", "python3", "cargo", "env", "dirname"] {
        if let Some(found) = which(tool) {
            std::os::unix::fs::symlink(found, dir.join(tool)).unwrap();
        }
    }
    dir.display().to_string()
}

fn which(tool: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|d| Path::new(d).join(tool))
        .find(|p| p.is_file())
}

#[test]
fn scripts_test_names_what_a_fresh_machine_lacks() {
    let tmp = tempfile::tempdir().unwrap();
    let out = Command::new("bash")
        .arg(repo().join("scripts/test"))
        .env("PATH", bare_path(tmp.path()))
        .env("CHROMIUM", tmp.path().join("no-chromium"))
        .env("CASTGRAPH_NO_INSTALL", "1")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("the tests need graphviz chromium"), "{err}");
    assert!(err.contains("apt-get install -y graphviz chromium"), "{err}");
}
