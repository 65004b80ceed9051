//! How the `graph` command names the library's settings and actions in
//! what it prints: each setting by its flag, each action by the command
//! that does it. The library words its messages with typed settings
//! ([`castgraph::util::wording`]); this is the one place that knows the flags.

use castgraph::util::wording::{Action, Setting, Wording};

/// The command line's wording.
#[derive(Debug, Clone, Copy, Default)]
pub struct Flags;

/// The wording every command prints with.
pub const WORDING: Flags = Flags;

impl Flags {
    /// The flag of a setting: `--max-scene-size`.
    pub fn flag(setting: Setting) -> String {
        format!("--{}", setting.key().replace('_', "-"))
    }
}

impl Wording for Flags {
    fn setting(&self, setting: Setting) -> String {
        Flags::flag(setting)
    }

    fn setting_value(&self, setting: Setting, value: &str) -> String {
        format!("{} {value}", Flags::flag(setting))
    }

    fn action(&self, action: Action) -> String {
        match action {
            Action::Build => "`graph build FILE.csv`".to_string(),
            Action::ListCharacters => "`graph central --top 0`".to_string(),
        }
    }
}

/// An error of the library as the command prints it.
pub fn error(e: &castgraph::Error) -> String {
    e.render(&WORDING)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every flag a message can name is a real flag of some command.
    #[test]
    fn every_setting_names_a_real_flag() {
        let cli = crate::Cli::command();
        let mut flags: Vec<String> = Vec::new();
        for sub in cli.get_subcommands() {
            for arg in sub.get_arguments() {
                if let Some(long) = arg.get_long() {
                    flags.push(format!("--{long}"));
                }
            }
        }
        for s in Setting::ALL {
            let flag = Flags::flag(s);
            assert!(flags.contains(&flag), "{flag} is not a flag of any command");
        }
    }
}
