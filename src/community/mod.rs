//! Communities: groups of characters (being written, issue 8).
