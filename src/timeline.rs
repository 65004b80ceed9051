//! Centrality over time, episode by episode (being written, issue 8).
