//! Node tables: Gephi's `Id,Label` CSV, which names the ids of an edge list
//! (the Network of Thrones files: `NED` → `Ned`).
//!
//! The rules:
//!
//! * A table is a UTF-8 CSV file with a header row holding an `Id` and a
//!   `Label` column (names matched ignoring ASCII case and surrounding
//!   spaces; other columns are ignored, so castgraph's own node table reads
//!   too). Line ends may be LF, CRLF or a bare CR, the last line may lack
//!   one, and a byte-order mark is ignored.
//! * Each row labels one id (both trimmed). An empty `Label` leaves the id
//!   unlabelled: it keeps the id as its name. An empty `Id` is an error.
//! * An id listed twice with the same label (or once without a label) is
//!   fine; with two different labels it is an error naming both places.
//!   Several tables are read as one, under the same rule.
//! * Two ids with the same label name one character; a note says so.
//! * An edge list's `Source` or `Target` equal to an id is named by its
//!   label ([`edgelist`](super::edgelist)); an id in no edge is kept by the
//!   build as a character without ties (0 scenes), as Gephi keeps it
//!   ([`NodeTable::names`] lists the names in table order).

use std::io::Read;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;

use super::csv::{CsvTable, open};
use crate::error::{Error, Result};
use crate::util::wording::Message;

/// The node tables of a build, read as one: each id's label.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NodeTable {
    /// Each id's entry.
    entries: FxHashMap<String, Entry>,
    /// The ids, in the order first listed.
    order: Vec<String>,
    /// The tables read, for messages.
    files: Vec<PathBuf>,
    /// What the user should know (ids sharing a label).
    notes: Vec<Message>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    /// The label; `None` when every row of the id left it empty.
    label: Option<String>,
    /// Where the label was first given (or the id first listed): table and line.
    file: usize,
    line: u64,
}

/// The hint of a table without an `Id` or `Label` column.
const HINT: &str = "a node table has `Id` and `Label` columns, one row per character, as Gephi writes it";

impl NodeTable {
    /// Reads the node tables at `paths`, as one.
    ///
    /// # Errors
    /// A table that cannot be read, is not UTF-8 CSV, has no `Id` or no
    /// `Label` column, no row, a row with an empty `Id`, or an id labelled
    /// two ways (in one table or two); each names the file and the line.
    ///
    /// # Example
    /// ```
    /// use castgraph::input::nodes::NodeTable;
    ///
    /// let dir = tempfile::tempdir()?;
    /// let file = dir.path().join("nodes.csv");
    /// std::fs::write(&file, "Id,Label\r\nNED,Ned\r\nARYA,Arya\r\nNED,Ned")?;
    /// let table = NodeTable::read(&[file])?;
    /// assert_eq!(table.label("NED"), Some("Ned"));
    /// assert_eq!(table.label("JON"), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn read(paths: &[PathBuf]) -> Result<NodeTable> {
        let mut table = NodeTable::default();
        for path in paths {
            table.add(path, open(path)?)?;
        }
        table.note_shared_labels();
        Ok(table)
    }

    /// Reads one more table from any reader; `path` names it in messages.
    ///
    /// # Errors
    /// As [`read`](Self::read).
    pub fn add<R: Read>(&mut self, path: &Path, input: R) -> Result<()> {
        let file = self.files.len();
        self.files.push(path.to_path_buf());
        let mut csv = CsvTable::start(path, input)?;
        let id_col = csv.require("id", "Id", HINT)?;
        let label_col = csv.require("label", "Label", HINT)?;
        let mut rows = 0u64;
        while let Some(row) = csv.next_row()? {
            let line = row.line;
            let id = row.text(id_col);
            if id.is_empty() {
                return Err(Error::data(path, Some(line), "the `Id` field is empty")
                    .with_hint("each row of a node table gives an id and its label"));
            }
            let label = row.value(label_col);
            rows += 1;
            match self.entries.get_mut(id) {
                None => {
                    self.order.push(id.to_string());
                    self.entries.insert(
                        id.to_string(),
                        Entry {
                            label: label.map(str::to_string),
                            file,
                            line,
                        },
                    );
                }
                Some(entry) => match (&entry.label, label) {
                    (Some(first), Some(now)) if first != now => {
                        let place = if entry.file == file {
                            format!("on line {}", entry.line)
                        } else {
                            format!("in {}, line {}", self.files[entry.file].display(), entry.line)
                        };
                        return Err(Error::data(
                            path,
                            Some(line),
                            format!("the id `{id}` is labelled `{now}` here and `{first}` {place}"),
                        )
                        .with_hint("give each id one label, or remove one of the rows"));
                    }
                    (None, Some(now)) => {
                        *entry = Entry {
                            label: Some(now.to_string()),
                            file,
                            line,
                        };
                    }
                    _ => {}
                },
            }
        }
        csv.finish()?;
        if rows == 0 {
            return Err(Error::data(path, None, "has a header row but no nodes")
                .with_hint("add one row per character below the header: Id,Label"));
        }
        Ok(())
    }

    /// The name of `id`: its label, or the id itself when the table lists it
    /// without one; `None` when the table does not list it.
    pub fn label(&self, id: &str) -> Option<&str> {
        self.entries
            .get_key_value(id)
            .map(|(id, e)| e.label.as_deref().unwrap_or(id))
    }

    /// The name of every id (its label, or the id), in table order, each name once.
    pub fn names(&self) -> Vec<&str> {
        let mut seen = rustc_hash::FxHashSet::default();
        self.order
            .iter()
            .filter_map(|id| self.label(id))
            .filter(|name| seen.insert(*name))
            .collect()
    }

    /// The number of ids.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// True when no table was read, or none had a row.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// What the user should know about the tables: ids that share a label.
    pub fn notes(&self) -> &[Message] {
        &self.notes
    }

    /// Notes the ids that share a label with an earlier one.
    fn note_shared_labels(&mut self) {
        let mut first: FxHashMap<&str, &str> = FxHashMap::default();
        let mut shared: Vec<(&str, &str, &str)> = Vec::new();
        for id in &self.order {
            let Some(label) = self.entries[id].label.as_deref() else {
                continue;
            };
            match first.get(label) {
                Some(&earlier) => shared.push((earlier, id, label)),
                None => {
                    first.insert(label, id);
                }
            }
        }
        if let Some(&(a, b, label)) = shared.first() {
            let more = match shared.len() {
                1 => String::new(),
                2 => " (and 1 more id)".to_string(),
                n => format!(" (and {} more ids)", n - 1),
            };
            let note = format!(
                "node table: the ids `{a}` and `{b}` have the same label `{label}`{more}; they are one character"
            );
            self.notes.push(note.into());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(texts: &[&str]) -> Result<NodeTable> {
        let mut t = NodeTable::default();
        for (i, text) in texts.iter().enumerate() {
            t.add(Path::new(&format!("n{i}.csv")), text.as_bytes())?;
        }
        t.note_shared_labels();
        Ok(t)
    }

    #[test]
    fn labels_ids_with_any_line_end() {
        for text in [
            "Id,Label\nNED,Ned\nARYA,Arya\n",
            "\u{feff}id , LABEL\r\nNED,Ned\r\nARYA,Arya",
            "Id,Label\rNED,Ned\rARYA,Arya",
            "Id,Label,Scenes\nNED,Ned,3\nARYA,Arya,1\nNED,Ned,3\n",
        ] {
            let t = table(&[text]).unwrap();
            assert_eq!(t.label("NED"), Some("Ned"), "{text:?}");
            assert_eq!(t.names(), ["Ned", "Arya"]);
            assert!(t.notes().is_empty());
        }
        let t = table(&["Id,Label\nHODOR,\nNED,Ned\n"]).unwrap();
        assert_eq!(t.label("HODOR"), Some("HODOR"));
        assert_eq!(t.label("JON"), None);
    }

    #[test]
    fn conflicting_labels_name_both_places() {
        let e = table(&["Id,Label\r\nNED,Ned\r\nARYA,Arya\r\nNED,Eddard"]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "n0.csv: line 4: the id `NED` is labelled `Eddard` here and `Ned` on line 2 \
             (give each id one label, or remove one of the rows)"
        );
        let e = table(&["Id,Label\nNED,Ned\n", "Id,Label\nNED,Eddard\n"]).unwrap_err();
        assert!(e.to_string().contains("here and `Ned` in n0.csv, line 2"), "{e}");
        // An id first unlabelled, then labelled, takes the label.
        assert_eq!(table(&["Id,Label\nNED,\nNED,Ned\n"]).unwrap().label("NED"), Some("Ned"));
    }

    #[test]
    fn refuses_bad_tables_and_notes_shared_labels() {
        let e = |t: &str| table(&[t]).unwrap_err().to_string();
        assert!(e("Name,Label\nNED,Ned\n").contains("line 1: no `Id` column"));
        assert!(e("Id,Name\nNED,Ned\n").contains("no `Label` column"));
        assert!(e("Id,Label\n,Ned\n").contains("line 2: the `Id` field is empty"));
        assert!(e("Id,Label\n").contains("no nodes"));
        let t = table(&["Id,Label\nNED,Ned\nEDDARD,Ned\n"]).unwrap();
        assert_eq!(t.names(), ["Ned"]);
        assert!(
            t.notes()[0]
                .to_string()
                .contains("`NED` and `EDDARD` have the same label `Ned`")
        );
    }
}
