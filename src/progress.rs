//! A progress bar on stderr for long scans: bytes read, rate, time left. Only on a
//! terminal, never on a pipe or in CI, and only for inputs large enough to wait for.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Inputs smaller than this finish before a bar would be worth drawing.
const MIN_BYTES: u64 = 256 << 20;

/// A bar for reading `total` bytes (unknown for standard input), or a hidden one.
pub fn for_input(total: Option<u64>) -> ProgressBar {
    let wanted =
        std::io::stderr().is_terminal() && std::env::var_os("CI").is_none() && total.is_none_or(|t| t >= MIN_BYTES);
    if !wanted {
        return ProgressBar::hidden();
    }
    let bar = match total {
        Some(total) => ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr()).with_style(
            ProgressStyle::with_template("{bar:30} {bytes}/{total_bytes} {binary_bytes_per_sec}, {eta} left")
                .expect("valid template"),
        ),
        None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()).with_style(
            ProgressStyle::with_template("{spinner} {bytes} read, {binary_bytes_per_sec}").expect("valid template"),
        ),
    };
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}
