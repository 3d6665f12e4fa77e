//! The marker buttons, kept by hand: one element per site (and per cluster) inside one
//! positioned group per glyph, created, updated and moved only where the layout changed.
//! With hundreds of sites a virtual DOM diff and a style recalculation of every button
//! on each scrub step cost more than a frame; here a scrub step touches only the buttons
//! that changed, and a zoom moves the groups (and the sites that changed cluster). A sync
//! can be done in slices ([`begin`], then [`step`] until it says done).
use std::collections::{HashMap, HashSet};

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, Node};

use super::layout::{Button, Group, longest_increasing};

#[derive(Default)]
pub struct Registry {
    groups: HashMap<String, (HtmlElement, (f64, f64))>,
    buttons: HashMap<String, (HtmlElement, Button)>,
    /// Group keys in their DOM order.
    order: Vec<String>,
    /// Each group's buttons as last synced: an unchanged group is skipped.
    last: HashMap<String, Vec<Button>>,
}

fn set(el: &Element, name: &str, value: &str) {
    let _ = el.set_attribute(name, value);
}

fn create_button(doc: &Document, b: &Button) -> Option<HtmlElement> {
    let el: HtmlElement = doc.create_element("button").ok()?.dyn_into().ok()?;
    set(&el, "id", &b.key);
    set(&el, "type", "button");
    if let Some(site) = &b.site {
        set(&el, "data-site", site);
        set(&el, "data-name", &b.name);
        set(&el, "aria-controls", "site-panel");
    } else {
        set(&el, "title", "Zoom in to these sites");
    }
    Some(el)
}

fn update_button(el: &HtmlElement, old: Option<&Button>, b: &Button) {
    if old.is_none_or(|o| o.class() != b.class()) {
        set(el, "class", &b.class());
    }
    if old.is_none_or(|o| o.label != b.label) {
        set(el, "aria-label", &b.label);
    }
    if old.is_none_or(|o| o.at != b.at || o.size != b.size) {
        set(el, "style", &b.style());
    }
    if b.site.is_some() && old.is_none_or(|o| o.selected != b.selected) {
        set(
            el,
            "aria-expanded",
            if b.selected { "true" } else { "false" },
        );
    }
}

/// A sync of the buttons under way: done a slice at a time, so a zoom that changes
/// hundreds of them spreads the work over several frames instead of missing one.
pub struct Pending {
    layer: HtmlElement,
    want: Vec<Group>,
    /// Groups that stay where they are in the DOM order.
    stay: HashSet<usize>,
    /// Placing the groups, from the last down (this one next), before `next`; then the
    /// buttons of each group from the first (`Buttons(i)`: this one next).
    phase: Phase,
    next: Option<Node>,
}

enum Phase {
    Groups(usize),
    Buttons(usize),
}

/// Starts making `layer`'s children the groups `want` with their buttons, in that order:
/// the buttons and groups no longer wanted go at once (nothing stale stays clickable);
/// the rest is done by [`step`].
pub fn begin(layer: &HtmlElement, want: Vec<Group>, reg: &mut Registry) -> Pending {
    let group_keys: HashSet<&str> = want.iter().map(|g| g.key.as_str()).collect();
    let button_keys: HashSet<&str> = want
        .iter()
        .flat_map(|g| g.buttons.iter().map(|b| b.key.as_str()))
        .collect();
    reg.buttons.retain(|k, (el, _)| {
        let keep = button_keys.contains(k.as_str());
        if !keep {
            el.remove();
        }
        keep
    });
    reg.groups.retain(|k, (el, _)| {
        let keep = group_keys.contains(k.as_str());
        if !keep {
            el.remove();
        }
        keep
    });
    // Only groups that exist: one that could not be created is in no DOM order.
    reg.order
        .retain(|k| group_keys.contains(k.as_str()) && reg.groups.contains_key(k));
    reg.last.retain(|k, _| group_keys.contains(k.as_str()));

    // Groups are created or moved keeping the longest run already in order in place.
    let current: HashMap<&str, usize> = reg
        .order
        .iter()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    let seq: Vec<Option<usize>> = want
        .iter()
        .map(|g| current.get(g.key.as_str()).copied())
        .collect();
    let stay = longest_increasing(&seq);
    reg.order = want.iter().map(|g| g.key.clone()).collect();
    Pending {
        layer: layer.clone(),
        phase: Phase::Groups(want.len()),
        want,
        stay,
        next: None,
    }
}

/// Goes on with a sync until it is done (true) or `more` says to stop (checked after
/// each group).
pub fn step(p: &mut Pending, reg: &mut Registry, mut more: impl FnMut() -> bool) -> bool {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return true;
    };
    if !place(&doc, p, reg, &mut more) {
        return false;
    }
    while let Phase::Buttons(i) = p.phase {
        let Some(g) = p.want.get(i) else {
            return true;
        };
        p.phase = Phase::Buttons(i + 1);
        sync_group(&doc, g, reg);
        if !more() {
            return i + 1 >= p.want.len();
        }
    }
    true
}

/// Places the groups a sync has still to place, at once: a sync that begins after an
/// unfinished one takes the groups' order from the registry, which must then be the
/// order in the DOM.
pub fn place_groups(p: &mut Pending, reg: &mut Registry) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        place(&doc, p, reg, &mut || true);
    }
}

/// Creates, moves and orders the groups, from the last down; true once all are placed.
fn place(
    doc: &Document,
    p: &mut Pending,
    reg: &mut Registry,
    more: &mut impl FnMut() -> bool,
) -> bool {
    while let Phase::Groups(n) = p.phase {
        let Some(i) = n.checked_sub(1) else {
            p.phase = Phase::Buttons(0);
            break;
        };
        p.phase = Phase::Groups(i);
        let g = &p.want[i];
        let (el, new) = match reg.groups.get_mut(&g.key) {
            Some((el, at)) => {
                if *at != g.at {
                    set(el, "style", &g.style());
                    *at = g.at;
                }
                (el.clone(), false)
            }
            None => {
                let Some(el) = doc
                    .create_element("div")
                    .ok()
                    .and_then(|e| e.dyn_into::<HtmlElement>().ok())
                else {
                    continue;
                };
                set(&el, "class", "glyph");
                set(&el, "style", &g.style());
                reg.groups.insert(g.key.clone(), (el.clone(), g.at));
                (el, true)
            }
        };
        if new || !p.stay.contains(&i) {
            let _ = p.layer.insert_before(&el, p.next.as_ref());
        }
        p.next = Some(el.into());
        if i % 8 == 0 && !more() {
            return false;
        }
    }
    true
}

/// Brings one group's buttons in line, in order.
fn sync_group(doc: &Document, g: &Group, reg: &mut Registry) {
    if reg.last.get(&g.key) == Some(&g.buttons) {
        return;
    }
    let Some((group, _)) = reg.groups.get(&g.key) else {
        return;
    };
    let group: Node = group.clone().into();
    let mut cursor = group.first_child();
    for b in &g.buttons {
        let el = match reg.buttons.get_mut(&b.key) {
            Some((el, old)) => {
                if old != b {
                    update_button(el, Some(old), b);
                    *old = b.clone();
                }
                el.clone()
            }
            None => {
                let Some(el) = create_button(doc, b) else {
                    continue;
                };
                update_button(&el, None, b);
                reg.buttons.insert(b.key.clone(), (el.clone(), b.clone()));
                el
            }
        };
        let node: &Node = el.as_ref();
        if cursor.as_ref() == Some(node) {
            cursor = node.next_sibling();
        } else {
            let _ = group.insert_before(node, cursor.as_ref());
        }
    }
    reg.last.insert(g.key.clone(), g.buttons.clone());
}
