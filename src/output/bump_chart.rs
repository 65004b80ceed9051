//! The timeline as a bump chart: each character's rank, episode by episode,
//! as a line (rank 1 at the top), drawn with plotters' SVG backend.
//!
//! The characters drawn are the `top` N of the whole story (all the
//! timeline's scenes as one graph) by the chosen quantity. A character's line
//! breaks where they are absent from an episode; names are written where a
//! line starts and where it ends. Ranks below a cut-off (three times N, at
//! least 30) are drawn on one last row, "lower", so that one bad episode does
//! not squash the chart. Text is SVG `<text>` in the viewer's sans-serif font.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::analysis::timeline::{Quantity, Timeline};
use crate::error::{Error, Result};

/// What to draw.
#[derive(Debug, Clone)]
pub struct PlotOptions {
    /// Rank by this.
    pub quantity: Quantity,
    /// How many characters (the top N of the whole story).
    pub top: usize,
    /// These characters (positions in [`Timeline::names`]) instead of the top N.
    pub characters: Option<Vec<u32>>,
    /// The title; `None` for one made from the options.
    pub title: Option<String>,
}

/// Tableau 10: distinct, colour-blind-aware, good on white.
pub const PALETTE: [(u8, u8, u8); 10] = [
    (0x4e, 0x79, 0xa7),
    (0xf2, 0x8e, 0x2b),
    (0xe1, 0x57, 0x59),
    (0x76, 0xb7, 0xb2),
    (0x59, 0xa1, 0x4f),
    (0xed, 0xc9, 0x48),
    (0xb0, 0x7a, 0xa1),
    (0xff, 0x9d, 0xa7),
    (0x9c, 0x75, 0x5f),
    (0x79, 0x70, 0x6e),
];

/// One character's line: its name, colour and rank in each group (`None`: absent).
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The character.
    pub name: String,
    /// Its colour.
    pub colour: (u8, u8, u8),
    /// Its rank in each group.
    pub ranks: Vec<Option<usize>>,
}

/// The lines of the chart: the top characters of the whole story, best first.
pub fn lines(timeline: &Timeline, opts: &PlotOptions) -> Vec<Line> {
    let leaders = match &opts.characters {
        Some(chosen) => chosen.clone(),
        None => timeline.leaders(opts.quantity, opts.top),
    };
    let ranks = timeline.ranks_of(&leaders, opts.quantity);
    leaders
        .iter()
        .zip(ranks)
        .enumerate()
        .map(|(i, (&id, ranks))| Line {
            name: timeline.name(id).to_string(),
            colour: PALETTE[i % PALETTE.len()],
            ranks: ranks.into_iter().map(|r| r.map(|r| r as usize)).collect(),
        })
        .collect()
}

/// Draws the bump chart as an SVG document.
pub fn bump_chart(timeline: &Timeline, opts: &PlotOptions) -> Result<String> {
    let lines = lines(timeline, opts);
    let groups: Vec<&str> = timeline.groups.iter().map(|g| g.key.as_str()).collect();
    let title = opts.title.clone().unwrap_or_else(|| {
        format!(
            "Rank by {}, {} by {}{}",
            opts.quantity.name(),
            timeline.by.name(),
            timeline.by.name(),
            if timeline.cumulative { " (cumulative)" } else { "" }
        )
    });
    let who = match &opts.characters {
        Some(_) => format!("{} chosen characters", lines.len()),
        None => format!("The top {} characters of the whole story", lines.len()),
    };
    let subtitle = format!("{who}; rank 1 at the top; a gap: not in that {}", timeline.by.name());
    draw(&lines, &groups, &title, &subtitle, timeline.by.name())
        .map_err(|e| Error::invalid(format!("cannot draw the chart: {e}")))
}

/// Layout constants, in pixels.
const ROW: i32 = 30;
const COLUMN_MIN: i32 = 84;
const TOP: i32 = 96;
const LEFT_AXIS: i32 = 44;
const FONT: &str = "sans-serif";
const INK: RGBColor = RGBColor(0x33, 0x33, 0x33);
const MUTED: RGBColor = RGBColor(0x88, 0x88, 0x88);
const GUIDE: RGBColor = RGBColor(0xee, 0xee, 0xee);

/// Approximate width of `text` at `size` px in a sans-serif font.
fn text_width(text: &str, size: f64) -> i32 {
    // Bold capitals run wider than the average letter: err on the wide side.
    let wide = text.chars().filter(|c| c.is_uppercase()).count() as f64;
    ((text.chars().count() as f64 * 0.58 + wide * 0.12) * size).ceil() as i32
}

/// Plotters writes a font size of N as N/1.24 px: this gives `px` pixels.
fn px(px: f64) -> f64 {
    px * 1.24
}

/// An episode label as at most three short lines: split at `: `
/// (`9x01: "Foisted!"`), words wrapped at 16 characters, the rest cut with `…`.
fn label_lines(key: &str) -> Vec<String> {
    const WIDTH: usize = 16;
    let (head, rest) = match key.split_once(": ") {
        Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() => (a.trim(), b.trim()),
        _ => ("", key.trim()),
    };
    let mut out: Vec<String> = Vec::new();
    if !head.is_empty() {
        out.push(head.to_string());
    }
    let mut current = String::new();
    for word in rest.split_whitespace() {
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > WIDTH {
            out.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        out.push(current);
    }
    if out.len() > 3 {
        out.truncate(3);
        out[2].push('…');
    }
    out.into_iter()
        .map(|l| {
            if l.chars().count() > WIDTH + 2 {
                format!("{}…", l.chars().take(WIDTH).collect::<String>())
            } else {
                l
            }
        })
        .collect()
}

/// A darker shade of `c` for text, legible on white.
fn ink(c: (u8, u8, u8)) -> RGBColor {
    let d = |x: u8| (f64::from(x) * 0.78) as u8;
    RGBColor(d(c.0), d(c.1), d(c.2))
}

fn draw(
    lines: &[Line],
    groups: &[&str],
    title: &str,
    subtitle: &str,
    axis: &str,
) -> std::result::Result<String, String> {
    let most = lines
        .iter()
        .flat_map(|l| l.ranks.iter().flatten())
        .copied()
        .max()
        .unwrap_or(1);
    let cut = (3 * lines.len()).max(30);
    let lower = most > cut;
    let rows = if lower { cut + 1 } else { most.max(lines.len()) } as i32;
    let name_width = lines
        .iter()
        .map(|l| text_width(&l.name, 14.0))
        .max()
        .unwrap_or(0)
        .clamp(40, 260);
    let column = COLUMN_MIN.max(
        groups
            .iter()
            .flat_map(|g| label_lines(g))
            .map(|s| text_width(&s, 12.0) + 12)
            .max()
            .unwrap_or(0),
    );
    let left = LEFT_AXIS + name_width + 24;
    let span = column * (groups.len() as i32 - 1).max(1);
    let right = left + span + name_width + 40;
    let width = right.max(640);
    let label_rows = groups.iter().map(|g| label_lines(g).len()).max().unwrap_or(1) as i32;
    let bottom = TOP + ROW * rows + 24 + 17 * label_rows + 26;
    let height = bottom;
    let x = |g: usize| {
        if groups.len() == 1 {
            left + span / 2
        } else {
            left + column * g as i32
        }
    };
    let y = |rank: usize| {
        let row = if lower && rank > cut { cut + 1 } else { rank };
        TOP + ROW * (row as i32 - 1) + ROW / 2
    };

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width as u32, height as u32)).into_drawing_area();
        let e = |e: DrawingAreaErrorKind<_>| e.to_string();
        root.fill(&WHITE).map_err(e)?;
        fn text(size: f64, colour: &'static RGBColor, h: HPos) -> TextStyle<'static> {
            TextStyle::from((FONT, px(size)).into_font())
                .color(colour)
                .pos(Pos::new(h, VPos::Center))
        }
        root.draw(&Text::new(title.to_string(), (24, 28), text(22.0, &INK, HPos::Left)))
            .map_err(e)?;
        root.draw(&Text::new(
            subtitle.to_string(),
            (24, 54),
            text(14.0, &MUTED, HPos::Left),
        ))
        .map_err(e)?;
        // Rank guides and numbers.
        for row in 1..=rows as usize {
            let yy = y(row);
            let label = if lower && row == cut + 1 {
                "lower".to_string()
            } else {
                row.to_string()
            };
            root.draw(&Rectangle::new([(LEFT_AXIS, yy), (right - 10, yy + 1)], GUIDE.filled()))
                .map_err(e)?;
            root.draw(&Text::new(label, (LEFT_AXIS - 8, yy), text(12.0, &MUTED, HPos::Right)))
                .map_err(e)?;
        }
        // Episode labels and column guides.
        for (g, key) in groups.iter().enumerate() {
            let xx = x(g);
            root.draw(&Rectangle::new(
                [(xx, TOP - 6), (xx + 1, TOP + ROW * rows)],
                GUIDE.filled(),
            ))
            .map_err(e)?;
            for (k, part) in label_lines(key).into_iter().enumerate() {
                let yy = TOP + ROW * rows + 16 + 17 * k as i32;
                let colour = if k == 0 { &INK } else { &MUTED };
                root.draw(&Text::new(part, (xx, yy), text(13.0, colour, HPos::Center)))
                    .map_err(e)?;
            }
        }
        // Label positions used so far (the `lower` row can hold several).
        let mut placed: Vec<(i32, i32)> = Vec::new();
        root.draw(&Text::new(
            axis.to_string(),
            ((x(0) + x(groups.len().saturating_sub(1))) / 2, bottom - 18),
            text(13.0, &MUTED, HPos::Center),
        ))
        .map_err(e)?;
        // Lines, the worst-ranked first so the leaders are drawn on top.
        for line in lines.iter().rev() {
            let colour = RGBColor(line.colour.0, line.colour.1, line.colour.2);
            let text_colour = ink(line.colour);
            let points: Vec<Option<(i32, i32)>> = line
                .ranks
                .iter()
                .enumerate()
                .map(|(g, r)| r.map(|r| (x(g), y(r))))
                .collect();
            for run in points.split(Option::is_none) {
                let run: Vec<(i32, i32)> = run.iter().flatten().copied().collect();
                if run.len() >= 2 {
                    root.draw(&PathElement::new(run, colour.stroke_width(3))).map_err(e)?;
                }
            }
            for p in points.iter().flatten() {
                root.draw(&Circle::new(*p, 6, WHITE.filled())).map_err(e)?;
                root.draw(&Circle::new(*p, 4, colour.filled())).map_err(e)?;
            }
            // Names where the line starts and where it ends, on a white
            // halo; two names on one row (only in the `lower` row) are stacked.
            let first = points.iter().position(Option::is_some);
            let last = points.iter().rposition(Option::is_some);
            if let (Some(f), Some(l)) = (first, last) {
                let mut labels = vec![(points[f].unwrap_or_default(), HPos::Right)];
                if l != f || groups.len() == 1 {
                    labels.push((points[l].unwrap_or_default(), HPos::Left));
                }
                for ((px_, py), side) in labels {
                    let used = placed.iter().filter(|&&(x0, y0)| x0 == px_ && y0 == py).count() as i32;
                    placed.push((px_, py));
                    let py = py + used * 16;
                    let w = text_width(&line.name, 14.0);
                    let (x0, x1, at) = match side {
                        HPos::Right => (px_ - 12 - w, px_ - 12, px_ - 12),
                        _ => (px_ + 12, px_ + 12 + w, px_ + 12),
                    };
                    root.draw(&Rectangle::new(
                        [(x0 - 3, py - 9), (x1 + 3, py + 9)],
                        WHITE.mix(0.85).filled(),
                    ))
                    .map_err(e)?;
                    let style = TextStyle::from((FONT, px(14.0)).into_font().style(FontStyle::Bold))
                        .color(&text_colour)
                        .pos(Pos::new(side, VPos::Center));
                    root.draw(&Text::new(line.name.clone(), (at, py), style)).map_err(e)?;
                }
            }
        }
        root.present().map_err(e)?;
    }
    Ok(svg)
}
