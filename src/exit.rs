//! The exit codes, documented in `--help` and the README.

use std::process::ExitCode;

/// Why luindex stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Everything worked (and `check` found nothing wrong).
    Success = 0,
    /// The input is wrong: bad data, bad definitions, an unreadable file, or problems `check` found.
    BadInput = 1,
    /// The command line is wrong: an unknown flag, a missing value, a malformed `--where`.
    Usage = 2,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit as u8)
    }
}

/// The exit code for an error: usage mistakes are 2, everything else 1.
pub fn for_error(err: &anyhow::Error) -> Exit {
    if err.chain().any(|e| e.is::<crate::UsageError>()) {
        Exit::Usage
    } else {
        Exit::BadInput
    }
}

/// Whether an error is a write into a closed pipe (`luindex ... | head`), which ends quietly.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        let io = match e.downcast_ref::<csv::Error>().map(csv::Error::kind) {
            Some(csv::ErrorKind::Io(io)) => Some(io),
            _ => e.downcast_ref::<std::io::Error>(),
        };
        io.is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable() {
        assert_eq!(Exit::Success as u8, 0);
        assert_eq!(Exit::BadInput as u8, 1);
        assert_eq!(Exit::Usage as u8, 2);
        assert_eq!(for_error(&anyhow::Error::new(crate::UsageError("x".into()))), Exit::Usage);
        assert_eq!(for_error(&anyhow::anyhow!("bad data")), Exit::BadInput);
        let pipe = anyhow::Error::new(std::io::Error::from(std::io::ErrorKind::BrokenPipe)).context("writing");
        assert!(is_broken_pipe(&pipe));
        let csv_pipe = anyhow::Error::new(csv::Error::from(std::io::Error::from(std::io::ErrorKind::BrokenPipe)));
        assert!(is_broken_pipe(&csv_pipe));
        assert!(!is_broken_pipe(&anyhow::anyhow!("other")));
    }
}
