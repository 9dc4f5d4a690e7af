//! Runs the real binary in a temporary directory, with fixtures written inline.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// A temporary working directory for one test.
pub struct Workdir {
    dir: tempfile::TempDir,
}

impl Workdir {
    pub fn new() -> Workdir {
        Workdir { dir: tempfile::tempdir().expect("temporary directory") }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (text) into the directory.
    pub fn write(&self, name: &str, contents: &str) -> PathBuf {
        self.write_bytes(name, contents.as_bytes())
    }

    pub fn write_bytes(&self, name: &str, contents: &[u8]) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, contents).expect("write fixture");
        path
    }

    /// `luindex ARGS...` run in this directory, without colour or backtraces.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("luindex").expect("binary built");
        cmd.current_dir(self.path())
            .args(args)
            .env("RUST_BACKTRACE", "0")
            .env("NO_COLOR", "1")
            .env_remove("CLICOLOR_FORCE");
        cmd
    }

    /// Runs and expects success; returns stdout.
    pub fn stdout(&self, args: &[&str]) -> String {
        let output = self.command(args).output().expect("run luindex");
        assert!(output.status.success(), "{}", describe(args, &output));
        String::from_utf8(output.stdout).expect("utf-8 output")
    }

    /// Runs and expects failure with `code`, nothing on stdout; returns stderr.
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        let output = self.command(args).output().expect("run luindex");
        assert_eq!(output.status.code(), Some(code), "{}", describe(args, &output));
        assert!(output.stdout.is_empty(), "stdout should be empty on failure\n{}", describe(args, &output));
        let stderr = String::from_utf8(output.stderr).expect("utf-8 stderr");
        assert!(!stderr.contains("panicked") && !stderr.contains("stack backtrace"), "{stderr}");
        stderr
    }
}

/// The command, its status, stdout and stderr: printed when an assertion fails.
pub fn describe(args: &[&str], output: &Output) -> String {
    format!(
        "luindex {}\nstatus: {:?}\n--- stdout\n{}\n--- stderr\n{}",
        args.join(" "),
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// The repository's root (for the bundled sample and definitions).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A small definitions file used by many tests: two missions, labelled and numeric scales.
pub const SMALL_YAML: &str = "\
title: Small
scales:
  sat:
    labels:
      Very satisfied: 200
      Fairly satisfied: 100
      Neither: 0
      Fairly dissatisfied: -100
      Very dissatisfied: -200
      Don't know: 0
    skip: [Not applicable]
  ten:
    numeric: {min: 0, max: 10}
    labels: {Don't know: 0}
missions:
  - id: alpha
    questions:
      - {column: q1, scale: sat, weight: 2}
      - {column: q2, scale: sat}
  - id: beta
    questions:
      - {column: q3, scale: ten}
";

/// Parses CSV text into rows of fields.
pub fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
    reader.records().map(|r| r.expect("valid csv").iter().map(str::to_string).collect()).collect()
}

/// Compares two CSV tables cell by cell: numbers within `tolerance` (absolute, or
/// relative to `1 + |expected|` when `relative`), anything else exactly. Returns the
/// largest difference seen.
pub fn assert_tables_close(
    name: &str,
    ours: &[Vec<String>],
    theirs: &[Vec<String>],
    tolerance: f64,
    relative: bool,
) -> f64 {
    let mut worst: f64 = 0.0;
    assert_eq!(ours.len(), theirs.len(), "{name}: row count");
    for (row, (a, b)) in ours.iter().zip(theirs).enumerate() {
        assert_eq!(a.len(), b.len(), "{name} row {row}");
        for (x, y) in a.iter().zip(b) {
            match (x.parse::<f64>(), y.parse::<f64>()) {
                (Ok(x), Ok(y)) => {
                    let diff = if relative { (x - y).abs() / (1.0 + y.abs()) } else { (x - y).abs() };
                    worst = worst.max(diff);
                    assert!(diff <= tolerance, "{name} row {row}: luindex {x} vs reference {y}");
                }
                _ => assert_eq!(x, y, "{name} row {row}"),
            }
        }
    }
    worst
}
