//! XML read safely: the one reader under the XML formats (TEI drama, Final
//! Draft, and any other XML input).
//!
//! XML is hostile input. What this reader promises:
//!
//! * **No DTD, ever.** A document with a `<!DOCTYPE` is refused at once,
//!   before anything after it is read: no entity of a DTD is expanded (a
//!   "billion laughs" file costs nothing), no external entity or `SYSTEM`
//!   file is read. None of the formats we read needs a DTD.
//! * **Only the five predefined entities** (`&amp;` `&lt;` `&gt;` `&apos;`
//!   `&quot;`) and character references (`&#8217;`, `&#x2019;`) are resolved;
//!   any other `&name;` is an error.
//! * **Errors say where**: file, line and column (1-based, columns in
//!   characters), then what is wrong.
//! * **Well-formed or refused**: end tags must match, and the document must
//!   not end inside an element.
//!
//! The file is read whole into memory (plays and scripts are megabytes at
//! most) and parsed with quick-xml (no DTD support of its own, which is what
//! we want), element names matched by their local name (namespace prefixes
//! ignored: TEI files use the default namespace).

use std::borrow::Cow;
use std::io::Read;
use std::path::Path;

use quick_xml::events::{BytesStart, Event};

use crate::error::{Error, Result};

/// A parsed piece of an XML document, names by their local part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Node<'a> {
    /// An opening tag (`<a>`); `empty` for a self-closing one (`<a/>`), which
    /// is followed by no [`Node::End`].
    Start {
        /// The local name.
        name: Cow<'a, str>,
        /// The attributes, by local name, values unescaped.
        attributes: Vec<(Cow<'a, str>, Cow<'a, str>)>,
        /// True for `<a/>`.
        empty: bool,
    },
    /// A closing tag.
    End {
        /// The local name.
        name: Cow<'a, str>,
    },
    /// Character data (text, CDATA, a resolved entity or character reference).
    Text(Cow<'a, str>),
}

impl Node<'_> {
    /// The value of attribute `name` of a start tag.
    pub(crate) fn attribute(&self, name: &str) -> Option<&str> {
        match self {
            Node::Start { attributes, .. } => attributes.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_ref()),
            _ => None,
        }
    }
}

/// An XML document read whole, and its reader.
pub(crate) struct XmlDocument {
    bytes: Vec<u8>,
}

impl XmlDocument {
    /// Reads the file at `path` whole.
    pub(crate) fn open(path: &Path) -> Result<XmlDocument> {
        let mut input = super::csv::open(path)?;
        let mut bytes = Vec::new();
        input
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io(path, "cannot read", e))?;
        Ok(XmlDocument { bytes })
    }

    /// A document from bytes already read.
    pub(crate) fn from_bytes(bytes: Vec<u8>) -> XmlDocument {
        XmlDocument { bytes }
    }

    /// A reader over the document; `path` names it in messages.
    pub(crate) fn reader<'d>(&'d self, path: &'d Path) -> XmlReader<'d> {
        let bytes = self.bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&self.bytes);
        let offset = self.bytes.len() - bytes.len();
        let mut reader = quick_xml::Reader::from_reader(bytes);
        let config = reader.config_mut();
        config.check_end_names = true;
        config.expand_empty_elements = false;
        config.trim_text(false);
        XmlReader {
            path,
            bytes: &self.bytes,
            offset,
            reader,
            open: Vec::new(),
            lines: LineIndex::default(),
            last: 0,
        }
    }
}

/// Reads [`Node`]s one at a time (see the module docs for what it refuses).
pub(crate) struct XmlReader<'d> {
    path: &'d Path,
    bytes: &'d [u8],
    /// Bytes skipped at the start (a byte-order mark).
    offset: usize,
    reader: quick_xml::Reader<&'d [u8]>,
    /// The names of the elements open around the current position.
    open: Vec<String>,
    lines: LineIndex,
    /// Where the last node read starts (in the parsed bytes).
    last: usize,
}

impl<'d> XmlReader<'d> {
    /// The next node, or `None` at the end of the document.
    ///
    /// # Errors
    /// Malformed XML, a DOCTYPE, an entity other than the predefined ones,
    /// or text that is not UTF-8, each with file, line and column.
    pub(crate) fn next(&mut self) -> Result<Option<Node<'d>>> {
        loop {
            let before = self.reader.buffer_position() as usize;
            self.last = before;
            let event = match self.reader.read_event() {
                Ok(e) => e,
                Err(e) => {
                    let at = self.reader.error_position() as usize;
                    return Err(self.error_at(at, format!("malformed XML: {e}")));
                }
            };
            let here = self.reader.buffer_position() as usize;
            match event {
                Event::DocType(_) => {
                    return Err(self
                        .error_at(before, "has a DOCTYPE declaration, which castgraph never reads")
                        .with_hint(
                            "remove the <!DOCTYPE ...> line: it can declare entities that expand without limit \
                             or read other files, and no format castgraph reads needs one",
                        ));
                }
                Event::Start(start) => {
                    let node = self.start(&start, false, here)?;
                    self.open.push(start.local_name().into_inner().to_string());
                    return Ok(Some(node));
                }
                Event::Empty(start) => return self.start(&start, true, here).map(Some),
                Event::End(end) => {
                    self.open.pop();
                    let name = Cow::Owned(end.local_name().into_inner().to_string());
                    return Ok(Some(Node::End { name }));
                }
                Event::Text(text) => return Ok(Some(Node::Text(text.xml10_content()))),
                Event::CData(data) => return Ok(Some(Node::Text(data.xml10_content()))),
                Event::GeneralRef(reference) => {
                    let name: &str = &reference;
                    let resolved = match reference.resolve_char_ref() {
                        Ok(Some(c)) => Some(c.to_string()),
                        Ok(None) => quick_xml::escape::resolve_predefined_entity(name).map(str::to_string),
                        Err(_) => None,
                    };
                    return match resolved {
                        Some(text) => Ok(Some(Node::Text(Cow::Owned(text)))),
                        None => Err(self
                            .error_at(before, format!("the entity reference `&{name};` is not defined"))
                            .with_hint(
                                "write the character itself (the file is UTF-8), or &amp; &lt; &gt; &apos; &quot;",
                            )),
                    };
                }
                Event::Eof => {
                    if let Some(name) = self.open.last() {
                        let name = name.clone();
                        return Err(self.error_at(here, format!("malformed XML: the file ends inside <{name}>")));
                    }
                    return Ok(None);
                }
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
            }
        }
    }

    /// The text of the element just opened (by a [`Node::Start`] that was not
    /// empty), its descendants' text included, up to its end tag.
    pub(crate) fn element_text(&mut self) -> Result<String> {
        let mut depth = 1usize;
        let mut out = String::new();
        while let Some(node) = self.next()? {
            match node {
                Node::Start { empty: false, .. } => depth += 1,
                Node::End { .. } => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                Node::Text(t) => out.push_str(&t),
                Node::Start { .. } => {}
            }
        }
        Ok(out)
    }

    /// The 1-based line on which the last node read starts.
    pub(crate) fn line(&mut self) -> u64 {
        self.lines.line(self.bytes, self.last + self.offset)
    }

    /// An error about the last node read, at its line and column.
    pub(crate) fn error_at_node(&mut self, problem: impl Into<crate::util::wording::Message>) -> Error {
        self.error_at(self.last, problem)
    }

    /// An error about the document at byte `at` (of the parsed bytes).
    pub(crate) fn error_at(&mut self, at: usize, problem: impl Into<crate::util::wording::Message>) -> Error {
        let (line, column) = self.lines.line_col(self.bytes, at + self.offset);
        Error::data_at(self.path, line, column, problem)
    }

    fn start(&mut self, start: &BytesStart<'d>, empty: bool, here: usize) -> Result<Node<'d>> {
        let name = start.local_name().into_inner().to_string();
        let mut attributes = Vec::new();
        for attr in start.attributes() {
            let attr = match attr {
                Ok(a) => a,
                Err(e) => return Err(self.error_at(here, format!("malformed XML: in <{name}>: {e}"))),
            };
            let key = attr.key.local_name().into_inner().to_string();
            let value = match attr.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
                Ok(v) => v.into_owned(),
                Err(e) => {
                    return Err(self
                        .error_at(here, format!("the attribute `{key}` of <{name}> cannot be read: {e}"))
                        .with_hint("use only &amp; &lt; &gt; &apos; &quot; and character references"));
                }
            };
            attributes.push((Cow::Owned(key), Cow::Owned(value)));
        }
        Ok(Node::Start {
            name: Cow::Owned(name),
            attributes,
            empty,
        })
    }
}

/// Line starts of a document, found once, for turning byte offsets into
/// line and column.
#[derive(Default)]
struct LineIndex {
    /// Byte offset of the start of every line after the first.
    starts: Option<Vec<usize>>,
}

impl LineIndex {
    /// 1-based line and column (in characters) of byte `at` of `bytes`.
    fn line_col(&mut self, bytes: &[u8], at: usize) -> (u64, u64) {
        let at = at.min(bytes.len());
        let line = self.line(bytes, at);
        let start = if line == 1 {
            0
        } else {
            self.starts.as_ref().map_or(0, |s| s[line as usize - 2])
        };
        let column = String::from_utf8_lossy(&bytes[start..at]).chars().count() + 1;
        (line, column as u64)
    }

    /// 1-based line of byte `at` of `bytes`: without the column, which
    /// costs the length of the line (a whole file written on one line).
    fn line(&mut self, bytes: &[u8], at: usize) -> u64 {
        // A line ends at LF, CRLF (once) or a CR alone.
        let starts = self.starts.get_or_insert_with(|| {
            bytes
                .iter()
                .enumerate()
                .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
                .map(|(i, _)| i + 1)
                .collect()
        });
        starts.partition_point(|&s| s <= at.min(bytes.len())) as u64 + 1
    }
}

/// The name of a document's root element, for format detection: `None` when
/// the bytes hold no element start before they end (or are not XML).
pub(crate) fn root_name(bytes: &[u8]) -> Option<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = quick_xml::Reader::from_reader(bytes);
    loop {
        match reader.read_event() {
            Ok(Event::Start(s)) | Ok(Event::Empty(s)) => return Some(s.local_name().into_inner().to_string()),
            Ok(Event::Eof) | Err(_) => return None,
            Ok(Event::Text(t)) if !t.trim().is_empty() => return None,
            Ok(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nodes(xml: &str) -> Result<Vec<Node<'static>>> {
        let doc = XmlDocument::from_bytes(xml.as_bytes().to_vec());
        let path = Path::new("t.xml");
        let mut reader = doc.reader(path);
        let mut out = Vec::new();
        while let Some(n) = reader.next()? {
            out.push(match n {
                Node::Start {
                    name,
                    attributes,
                    empty,
                } => Node::Start {
                    name: Cow::Owned(name.into_owned()),
                    attributes: attributes
                        .into_iter()
                        .map(|(k, v)| (Cow::Owned(k.into_owned()), Cow::Owned(v.into_owned())))
                        .collect(),
                    empty,
                },
                Node::End { name } => Node::End {
                    name: Cow::Owned(name.into_owned()),
                },
                Node::Text(t) => Node::Text(Cow::Owned(t.into_owned())),
            });
        }
        Ok(out)
    }

    #[test]
    fn entities_are_resolved_and_names_are_local() {
        let got = nodes(
            "<?xml version=\"1.0\"?><tei:a xmlns:tei=\"x\" who=\"#a &amp; b\">A&amp;B&#8217;<![CDATA[<c>]]></tei:a>",
        )
        .unwrap();
        let text: String = got
            .iter()
            .filter_map(|n| if let Node::Text(t) = n { Some(t.as_ref()) } else { None })
            .collect();
        assert_eq!(text, "A&B\u{2019}<c>");
        assert_eq!(got[0].attribute("who"), Some("#a & b"));
        assert!(matches!(&got[0], Node::Start { name, .. } if name == "a"));
    }

    #[test]
    fn doctype_and_unknown_entities_are_refused_with_position() {
        let e = nodes("<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY x \"y\">]>\n<a>&x;</a>")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("t.xml: line 2, column"), "{e}");
        assert!(e.contains("DOCTYPE"), "{e}");
        let e = nodes("<a>\n  &nbsp;</a>").unwrap_err().to_string();
        assert!(e.contains("line 2") && e.contains("&nbsp;"), "{e}");
    }

    #[test]
    fn malformed_documents_say_where() {
        let e = nodes("<a>\n<b>\n</a>").unwrap_err().to_string();
        assert!(e.starts_with("t.xml: line 3, column 1: malformed XML"), "{e}");
        let e = nodes("<a>\n<b></b>").unwrap_err().to_string();
        assert!(e.contains("ends inside <a>"), "{e}");
    }

    #[test]
    fn roots_are_found() {
        assert_eq!(
            root_name(b"\xEF\xBB\xBF<?xml version='1.0'?>\n<!-- c -->\n<TEI xmlns='x'>").as_deref(),
            Some("TEI")
        );
        assert_eq!(root_name(b"episode,characters\n").as_deref(), None);
    }
}
