//! Analysis: questions asked of a built graph.
//!
//! Who matters ([`centrality`]), which groups form ([`community`]), the
//! graph as a whole ([`stats`]), the strongest chain between two characters
//! ([`chain`]), a character's neighbourhood ([`ego`]), two graphs side by
//! side ([`compare`]) and centrality over time ([`timeline`]). Analysis reads
//! graphs (and, for the timeline, runs the build pipeline per group); it
//! never writes files: that is [`crate::output`]'s job.

pub mod centrality;
pub mod chain;
pub mod community;
pub mod compare;
pub mod ego;
pub mod hops;
pub mod stats;
pub mod timeline;
