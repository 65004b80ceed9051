//! `graph extract TEXT...`: prose to scene records, with the evidence for
//! every tie; or a starter cast file from the text.

use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::{Result, bail};
use castgraph::input::prose::{self, Cast, Prose, Window, suggest};
use castgraph::util::format::plural;

use super::build::ProseArgs;
use super::write_output;
use crate::wording::WORDING;

const AFTER_HELP: &str = "\
Writes one row per scene, as a wide scene CSV that `graph build` reads back into the same graph as
`graph build TEXT --cast CAST.csv` with the same --window and --chapters:
  episode,scene,characters,line,end_line,byte,end_byte,excerpt
episode is the chapter heading (with --chapters), scene the window's number in its chapter, characters
the names found (`;`-separated), line..end_line the window's lines, byte..end_byte its bytes (0-based,
end exclusive) and excerpt its text (at most 160 characters). Several texts add a first `file` column.

The cast file: CSV `name,aliases` (aliases `;`-separated; other columns ignored). Names and aliases
match as whole words, case-sensitively, across line breaks, with a possessive 's; a name also matches
by its first name, its surname and title + surname when no other character shares them (a shared
one, like `Bennet` for Mr. and Mrs. Bennet, counts for no one and is reported). A title before a
name (`Dr.`, `Miss`) is part of the mention.

Windows (--window): paragraph (blank-line separated), sentence, sentences:N (blocks of N sentences
across paragraphs), words:N (every pair of mentions of two characters whose first words are at most N
words apart is one scene of the two; words run through paragraphs). sentences:N and words:N restart at
each chapter. Mentions are not presence: check the excerpts.

--suggest-cast prints a starter cast file instead: capitalised name sequences with their variants and
counts (`name,aliases,count`; titles kept, sentence-initial common words left out), to edit.

Examples:
  graph extract synopsis.txt --cast cast.csv -o scenes.csv
  graph extract novel.txt --cast cast.csv --window words:15 --chapters '^CHAPTER [IVXLC]+' -o scenes.csv
  graph extract novel.txt --suggest-cast --min-count 5 > cast.csv";

#[derive(clap::Args, Debug)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// The prose file(s) to read (UTF-8 text).
    #[arg(value_name = "TEXT", required = true)]
    pub texts: Vec<PathBuf>,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Print a starter cast file (`name,aliases,count`) found in the text instead of scenes.
    #[arg(long, conflicts_with = "cast")]
    pub suggest_cast: bool,
    /// With --suggest-cast: leave out names found fewer than N times [default: 1].
    #[arg(long, value_name = "N")]
    pub min_count: Option<u64>,
    /// Prefix `'` to every text cell a spreadsheet would run as a formula (names and excerpts
    /// starting with = + - @).
    #[arg(long)]
    pub spreadsheet_safe: bool,
    /// Print nothing but errors and warnings.
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub prose: ProseArgs,
}

pub fn run(args: Args) -> Result<()> {
    if args.min_count.is_some() && !args.suggest_cast {
        bail!(super::Usage("--min-count is for --suggest-cast".into()));
    }
    if args.suggest_cast {
        return suggest_cast(&args);
    }
    let Some(cast) = &args.prose.cast else {
        bail!(super::Usage(
            "give the characters to find with --cast CAST.csv (or start a cast file with --suggest-cast)".into()
        ));
    };
    let window = args.prose.window()?;
    let prose = Prose::new(Cast::read(cast)?, window, args.prose.chapters.as_deref())?;
    let label = args.output.clone().unwrap_or_else(|| PathBuf::from("<stdout>"));
    let mut outcome = None;
    let written = write_output(args.output.as_deref(), |w| {
        let result = if args.spreadsheet_safe {
            // The scenes are made safe as a whole: written to memory first.
            let mut bytes = Vec::new();
            let result = prose::extract(&args.texts, &prose, &mut bytes, &label);
            if result.is_ok() {
                castgraph::output::csv::make_spreadsheet_safe(&bytes, w)?;
            }
            result
        } else {
            prose::extract(&args.texts, &prose, w, &label)
        };
        let failed = result.is_err();
        outcome = Some(result);
        if failed {
            Err(io::Error::other("the extraction failed"))
        } else {
            Ok(())
        }
    });
    let done = match outcome {
        Some(result) => result?,
        None => {
            written?;
            bail!("nothing was extracted");
        }
    };
    written?;
    for d in &done {
        for note in &d.summary.notes {
            eprintln!("warning: {}", note.render(&WORDING));
        }
    }
    if let Some(output) = &args.output
        && !args.quiet
    {
        let scenes: u64 = done.iter().map(|d| d.summary.scenes).sum();
        let texts: Vec<String> = done.iter().map(|d| d.path.display().to_string()).collect();
        let mut out = io::stdout().lock();
        writeln!(
            out,
            "Wrote {} from {} ({}) to {}. Next: graph build {}",
            plural(scenes as usize, "scene", "scenes"),
            texts.join(", "),
            window.describe(),
            output.display(),
            output.display()
        )?;
    }
    Ok(())
}

fn suggest_cast(args: &Args) -> Result<()> {
    if args.prose.window()? != Window::Paragraph {
        bail!(super::Usage(
            "--window is for extracting scenes; --suggest-cast reads names only".into()
        ));
    }
    let mut suggester = suggest::Suggester::new(args.prose.chapters.as_deref())?;
    for text in &args.texts {
        suggester.add_path(text)?;
    }
    let min_count = args.min_count.unwrap_or(1);
    let rows = suggester.finish(min_count);
    write_output(args.output.as_deref(), |w| {
        if args.spreadsheet_safe {
            let mut bytes = Vec::new();
            suggest::write_csv(&rows, &mut bytes)?;
            castgraph::output::csv::make_spreadsheet_safe(&bytes, w)
        } else {
            suggest::write_csv(&rows, w)
        }
    })?;
    if rows.is_empty() {
        eprintln!(
            "warning: no capitalised name occurs {} in the text",
            plural(min_count as usize, "time", "times")
        );
    }
    Ok(())
}
