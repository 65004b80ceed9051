//! The keyword arguments of `castgraph.build` and `castgraph.timeline` (the
//! options of `graph build`, spelt as keywords) into the library's
//! [`BuildOptions`], with the command's messages for bad values.

use std::path::PathBuf;

use castgraph::build::{BuildOptions, Filters};
use castgraph::input::prose::Window;
use castgraph::input::{EpisodeSet, InputFormat, NameStyle, Presence, SgbScene};
use castgraph::util::wording::unknown_choice;
use castgraph::{WeightRule, build::DEFAULT_MAX_SCENE_SIZE};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::graph::choice;
use crate::wording::{OrRaise, request};

/// Every option `castgraph.build` takes, in the order of `graph build --help`.
pub const KEYS: [&str; 18] = [
    "input_format",
    "separator",
    "sgb_scene",
    "presence",
    "names",
    "no_groups",
    "aliases",
    "nodes",
    "episodes",
    "where",
    "min_scenes",
    "min_weight",
    "drop_isolated",
    "weight",
    "max_scene_size",
    "cast",
    "window",
    "chapters",
];

/// A value that is one path or a list of paths.
fn paths(value: &Bound<'_, PyAny>) -> PyResult<Vec<PathBuf>> {
    match value.extract::<PathBuf>() {
        Ok(p) => Ok(vec![p]),
        Err(_) => value.extract::<Vec<PathBuf>>(),
    }
}

/// `episodes=`: `"1-3,5"`, a number, or a list of numbers and labels.
fn episodes(value: &Bound<'_, PyAny>) -> PyResult<EpisodeSet> {
    let spec = if let Ok(s) = value.extract::<String>() {
        s
    } else if let Ok(n) = value.extract::<i64>() {
        n.to_string()
    } else if let Ok(items) = value.extract::<Vec<Bound<'_, PyAny>>>() {
        items
            .iter()
            .map(|i| i.str().map(|s| s.to_string()))
            .collect::<PyResult<Vec<_>>>()?
            .join(",")
    } else {
        return Err(PyTypeError::new_err(
            "episodes= takes a text such as '1-3,5', a number, or a list of them",
        ));
    };
    EpisodeSet::parse(&spec).map_err(|e| request(format!("episodes='{spec}': {e}")))
}

/// `where=`: `{"season": "2"}`, `"season=2"`, or a list of either form.
fn wheres(value: &Bound<'_, PyAny>) -> PyResult<Vec<(String, String)>> {
    let pair = |s: &str| match s.split_once('=') {
        Some((c, v)) if !c.trim().is_empty() => Ok((c.trim().to_string(), v.trim().to_string())),
        _ => Err(request(format!("where='{s}' is not COLUMN=VALUE"))),
    };
    if let Ok(d) = value.cast::<PyDict>() {
        return d
            .iter()
            .map(|(k, v)| Ok((k.str()?.to_string(), v.str()?.to_string())))
            .collect();
    }
    if let Ok(s) = value.extract::<String>() {
        return Ok(vec![pair(&s)?]);
    }
    let mut out = Vec::new();
    for item in value.try_iter()? {
        let item = item?;
        if let Ok(s) = item.extract::<String>() {
            out.push(pair(&s)?);
        } else {
            let (c, v): (String, Bound<'_, PyAny>) = item.extract()?;
            out.push((c, v.str()?.to_string()));
        }
    }
    Ok(out)
}

/// The build options of a dict of keyword arguments (unknown keywords are
/// refused with the nearest one suggested).
pub fn build_options(options: &Bound<'_, PyDict>) -> PyResult<BuildOptions> {
    let mut opts = BuildOptions {
        max_scene_size: Some(DEFAULT_MAX_SCENE_SIZE),
        ..BuildOptions::default()
    };
    let mut filters = Filters::default();
    let mut window = "paragraph".to_string();
    for (key, value) in options.iter() {
        let key: String = key.extract()?;
        if value.is_none() {
            if KEYS.contains(&key.as_str()) {
                continue;
            }
            return Err(PyTypeError::new_err(unknown_choice("option", &key, &KEYS)));
        }
        match key.as_str() {
            "input_format" => {
                let names: Vec<&str> = InputFormat::ALL.iter().map(|f| f.name()).collect();
                let name = choice("input format", &value.extract::<String>()?, &names)?;
                opts.format = InputFormat::from_name(name);
            }
            "separator" => {
                let s: String = value.extract()?;
                let mut chars = s.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => opts.separator = (c != ';').then_some(c),
                    _ => return Err(request(format!("separator='{s}' must be one character"))),
                }
            }
            "sgb_scene" => {
                opts.sgb_scene =
                    SgbScene::from_name(choice("sgb scene", &value.extract::<String>()?, &["group", "chapter"])?)
                        .unwrap_or_default();
            }
            "presence" => {
                opts.presence = Presence::from_name(choice(
                    "presence",
                    &value.extract::<String>()?,
                    &["speakers", "stage", "action"],
                )?)
                .unwrap_or_default();
            }
            "names" => {
                let given = value.extract::<String>()?.replace('_', "-");
                opts.names =
                    NameStyle::from_name(choice("names", &given, &["as-written", "id", "title"])?).unwrap_or_default();
            }
            "no_groups" => opts.no_groups = value.extract()?,
            "aliases" => opts.aliases = Some(value.extract()?),
            "nodes" => opts.nodes = paths(&value)?,
            "episodes" => filters.episodes = Some(episodes(&value)?),
            "where" => filters.wheres = wheres(&value)?,
            "min_scenes" => filters.min_scenes = value.extract()?,
            "min_weight" => filters.min_weight = value.extract()?,
            "drop_isolated" => filters.drop_isolated = value.extract()?,
            "weight" => {
                let s: String = value.extract()?;
                opts.weight = WeightRule::parse(&s).map_err(|e| request(format!("weight='{s}': {e}")))?;
            }
            "max_scene_size" => opts.max_scene_size = Some(value.extract()?),
            "cast" => opts.cast = Some(value.extract()?),
            "window" => window = value.extract()?,
            "chapters" => opts.chapters = Some(value.extract()?),
            _ => return Err(PyTypeError::new_err(unknown_choice("option", &key, &KEYS))),
        }
    }
    opts.window = Window::parse(&window).or_raise()?;
    if opts.cast.is_none() && (opts.window != Window::Paragraph || opts.chapters.is_some()) {
        return Err(request(
            "window= and chapters= are for prose: give the characters to find with cast='CAST.csv'",
        ));
    }
    opts.filters = filters;
    Ok(opts)
}
