use std::process::ExitCode;

use luindex::exit::{self, Exit};

fn main() -> ExitCode {
    match luindex::cli::run() {
        Ok(code) => code.into(),
        Err(err) if exit::is_broken_pipe(&err) => Exit::Success.into(),
        Err(err) => {
            luindex::cli::report_error(&err);
            exit::for_error(&err).into()
        }
    }
}
