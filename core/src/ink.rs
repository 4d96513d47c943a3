//! The pointer and the pen: positions and strokes in slide coordinates, so that windows of any
//! size agree, and each slide's strokes with undo and clear. Pure.

use serde::{Deserialize, Serialize};

/// Slide coordinates: `0..=WIDTH` across, `0..=HEIGHT` down (16:9), whatever the window's size.
pub const WIDTH: u16 = 1600;
pub const HEIGHT: u16 = 900;
/// Longer strokes stop growing (a message must stay small); more strokes on a slide are refused.
const MAX_POINTS: usize = 600;
const MAX_STROKES: usize = 100;

/// A point on the slide.
pub type Point = [u16; 2];

/// The point at fractions `fx`, `fy` of the slide's box; `None` outside it.
pub fn to_slide(fx: f64, fy: f64) -> Option<Point> {
    let inside = |f: f64| (0.0..=1.0).contains(&f);
    (inside(fx) && inside(fy)).then(|| [(fx * f64::from(WIDTH)) as u16, (fy * f64::from(HEIGHT)) as u16])
}

pub fn on_slide(p: Point) -> bool {
    p[0] <= WIDTH && p[1] <= HEIGHT
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Tool {
    #[default]
    Red,
    Blue,
    Highlighter,
}

impl Tool {
    pub const ALL: [Tool; 3] = [Tool::Red, Tool::Blue, Tool::Highlighter];

    pub fn name(self) -> &'static str {
        match self {
            Tool::Red => "red",
            Tool::Blue => "blue",
            Tool::Highlighter => "highlighter",
        }
    }

    /// The stroke's width for the pen's pressure (0 to 1; a mouse reports 0.5 while pressed).
    pub fn width(self, pressure: f64) -> u16 {
        match self {
            Tool::Highlighter => 28,
            _ => 3 + (pressure.clamp(0.0, 1.0) * 8.0) as u16,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stroke {
    pub tool: Tool,
    pub width: u16,
    pub points: Vec<Point>,
}

impl Stroke {
    pub fn new(tool: Tool, pressure: f64, at: Point) -> Stroke {
        Stroke { tool, width: tool.width(pressure), points: vec![at] }
    }

    /// Adds a point; `false` when it adds nothing (the same point, or the stroke is full).
    pub fn extend(&mut self, p: Point) -> bool {
        let grows = self.points.len() < MAX_POINTS && self.points.last() != Some(&p) && on_slide(p);
        if grows {
            self.points.push(p);
        }
        grows
    }

    /// Whether a stroke from elsewhere (another window, storage) is one this deck could draw.
    pub fn is_valid(&self) -> bool {
        !self.points.is_empty()
            && self.points.len() <= MAX_POINTS
            && (1..=40).contains(&self.width)
            && self.points.iter().all(|p| on_slide(*p))
    }

    /// The SVG path: a line through the points (a dot for a single point).
    pub fn path(&self) -> String {
        let mut d = String::with_capacity(self.points.len() * 10);
        for (i, [x, y]) in self.points.iter().enumerate() {
            d.push_str(if i == 0 { "M" } else { "L" });
            crate::text::push_number(&mut d, usize::from(*x));
            d.push(' ');
            crate::text::push_number(&mut d, usize::from(*y));
        }
        if self.points.len() == 1 {
            d.push_str("h0");
        }
        d
    }
}

/// What happened to a slide's ink, as one window tells the others.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    /// A stroke still being drawn (shown, not kept).
    Live(Stroke),
    /// A finished stroke.
    Add(Stroke),
    Undo,
    Clear,
}

impl Change {
    pub fn is_valid(&self) -> bool {
        match self {
            Change::Live(s) | Change::Add(s) => s.is_valid(),
            Change::Undo | Change::Clear => true,
        }
    }
}

/// Every slide's finished strokes, by slide.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ink(Vec<Vec<Stroke>>);

impl Ink {
    pub fn strokes(&self, slide: usize) -> &[Stroke] {
        self.0.get(slide).map_or(&[], Vec::as_slice)
    }

    /// Applies a change to `slide` (which the caller has checked is the deck's); `false` when it
    /// changes nothing (or is refused).
    pub fn apply(&mut self, slide: usize, change: &Change) -> bool {
        match change {
            Change::Live(_) => false,
            Change::Add(stroke) => {
                if self.0.len() <= slide {
                    self.0.resize_with(slide + 1, Vec::new);
                }
                let strokes = &mut self.0[slide];
                let fits = stroke.is_valid() && strokes.len() < MAX_STROKES;
                if fits {
                    strokes.push(stroke.clone());
                }
                fits
            }
            Change::Undo => self.0.get_mut(slide).and_then(Vec::pop).is_some(),
            Change::Clear => self.0.get_mut(slide).is_some_and(|s| !std::mem::take(s).is_empty()),
        }
    }

    /// Ink read back from storage, keeping only what this deck could have drawn.
    pub fn sanitized(mut self, slide_count: usize) -> Ink {
        self.0.truncate(slide_count);
        for strokes in &mut self.0 {
            strokes.retain(Stroke::is_valid);
            strokes.truncate(MAX_STROKES);
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_are_in_slide_coordinates_and_outside_is_none() {
        assert_eq!(to_slide(0.5, 0.5), Some([800, 450]));
        assert_eq!(to_slide(1.0, 0.0), Some([1600, 0]));
        assert_eq!(to_slide(-0.01, 0.5), None);
        assert_eq!(to_slide(0.5, f64::NAN), None);
    }

    #[test]
    fn strokes_grow_draw_undo_and_clear_per_slide() {
        let mut stroke = Stroke::new(Tool::Blue, 0.5, [10, 10]);
        assert_eq!(stroke.path(), "M10 10h0");
        assert!(stroke.extend([20, 30]) && !stroke.extend([20, 30]) && !stroke.extend([2000, 1]));
        assert_eq!(stroke.path(), "M10 10L20 30");
        let mut ink = Ink::default();
        assert!(ink.apply(2, &Change::Add(stroke.clone())));
        assert!(!ink.apply(2, &Change::Live(stroke.clone())), "a live stroke is not kept");
        assert_eq!(ink.strokes(2).len(), 1);
        assert!(ink.strokes(3).is_empty(), "strokes belong to their slide");
        assert!(ink.apply(2, &Change::Undo) && !ink.apply(2, &Change::Undo));
        assert!(ink.apply(2, &Change::Add(stroke)) && ink.apply(2, &Change::Clear));
        assert!(!ink.apply(2, &Change::Clear));
    }

    #[test]
    fn forged_strokes_are_refused() {
        let mut ink = Ink::default();
        let far = Stroke { tool: Tool::Red, width: 5, points: vec![[1601, 0]] };
        let wide = Stroke { tool: Tool::Red, width: 900, points: vec![[1, 1]] };
        let empty = Stroke { tool: Tool::Red, width: 5, points: vec![] };
        let long = Stroke { tool: Tool::Red, width: 5, points: vec![[1, 1]; MAX_POINTS + 1] };
        for stroke in [far, wide, empty, long] {
            assert!(!ink.apply(0, &Change::Add(stroke.clone())), "{stroke:?}");
        }
        let dot = Stroke { tool: Tool::Red, width: 5, points: vec![[1, 1]] };
        let mut stored = Ink::default();
        assert!(stored.apply(0, &Change::Add(dot.clone())) && stored.apply(99, &Change::Add(dot)));
        stored.0[0].push(Stroke { tool: Tool::Red, width: 0, points: vec![[1, 1]] });
        let kept = stored.sanitized(18);
        assert_eq!(
            (kept.0.len(), kept.strokes(0).len()),
            (18, 1),
            "only valid ink, only for the deck's slides"
        );
    }
}
