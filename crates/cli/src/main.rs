//! `ccp`: the ComeComePay command line. Thin: parses arguments, runs one command over
//! ccp-core, prints, and maps the outcome to an exit code.

mod args;
mod browser;
mod commands;
mod exit;
mod falpay;
mod generate;
mod i18n;
mod input;
mod keys;
mod output;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    if let args::Command::Generate { what } = cli.command {
        return match generate::write(what, &mut std::io::stdout().lock()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("ccp: {e}");
                ExitCode::from(exit::FAILURE)
            }
        };
    }
    let lang = cli.language();
    // Off unless `CCP_LOG` asks: stdout is the command's output, stderr its failures.
    // untranslated: a log filter
    ccp_io::log::init("off");
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("ccp: {}", i18n::tf(lang, i18n::Text::CannotStart, &[&e]));
            return ExitCode::from(exit::FAILURE);
        }
    };
    match runtime.block_on(commands::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // The message may carry the server's own text: no terminal controls from it.
            eprintln!("ccp: {}", output::clean(&e.render(lang)));
            ExitCode::from(e.code())
        }
    }
}
