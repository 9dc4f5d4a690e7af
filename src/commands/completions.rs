//! `luindex completions` and `luindex man`: shell completions and a man page, generated
//! from the command-line definition itself, so they never drift from `--help`.

use std::io::Write;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;
use crate::exit::Exit;

/// Print shell completions (bash, zsh, fish, powershell, elvish).
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  luindex completions bash > ~/.local/share/bash-completion/completions/luindex\n  luindex completions zsh > ~/.zfunc/_luindex"
)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Print the man page (roff).
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  luindex man > luindex.1 && man ./luindex.1")]
pub struct ManArgs {}

pub fn completions(args: CompletionsArgs) -> anyhow::Result<Exit> {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "luindex", &mut out);
    write_all(&out)
}

pub fn man(_args: ManArgs) -> anyhow::Result<Exit> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    write_all(&out)
}

fn write_all(bytes: &[u8]) -> anyhow::Result<Exit> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(bytes)?;
    stdout.flush()?;
    Ok(Exit::Success)
}
