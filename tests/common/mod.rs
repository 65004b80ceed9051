//! Helpers shared by integration tests (each test binary that uses them
//! says `mod common;` and uses a part of them): the Python venvs (NetworkX,
//! DuckDB), and the command line's wording of the library's messages.

// Each test binary uses only some of these helpers.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The python of a virtualenv `target/<name>` with pinned NetworkX 3.6.1,
/// created (or completed) when missing. Each test binary uses its own
/// `name`, so binaries running in parallel never race on one venv.
pub fn networkx_python(name: &str) -> PathBuf {
    python_with(name, "networkx", &["networkx==3.6.1"])
}

/// The python of a virtualenv `target/<name>` in which `import` works,
/// created (or completed with `pip install` of the pinned `packages`, from
/// PyPI) when it does not.
pub fn python_with(name: &str, import: &str, packages: &[&str]) -> PathBuf {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join(name);
    let python = venv.join("bin/python");
    let ready = |p: &Path| {
        Command::new(p)
            .args(["-c", &format!("import {import}")])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !ready(&python) {
        let status = Command::new("python3").args(["-m", "venv"]).arg(&venv).status();
        assert!(
            status.is_ok_and(|s| s.success()),
            "cannot create a virtualenv: is python3 (with venv) installed?"
        );
        let out = Command::new(&python)
            .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check"])
            .args(packages)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "pip install {packages:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    python
}

/// The `graph` command's wording (settings named by their flags, as
/// `src/bin/graph/wording.rs` names them): library messages and exports
/// rendered with it are the bytes command-line users get.
#[derive(Debug)]
pub struct Flags;

impl castgraph::util::wording::Wording for Flags {
    fn setting(&self, s: castgraph::util::wording::Setting) -> String {
        format!("--{}", s.key().replace('_', "-"))
    }
    fn setting_value(&self, s: castgraph::util::wording::Setting, value: &str) -> String {
        format!("{} {value}", self.setting(s))
    }
}
