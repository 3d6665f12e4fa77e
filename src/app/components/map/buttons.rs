//! The marker buttons, kept by hand: one element per site (and per cluster) inside one
//! positioned group per glyph, created, updated and moved only where the layout changed.
//! With hundreds of sites a virtual DOM diff and a style recalculation of every button
//! on each scrub step cost more than a frame; here a scrub step touches only the buttons
//! that changed, and a zoom moves the groups (and the sites that changed cluster).
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

/// Makes `layer`'s children the groups `want` with their buttons, in that order.
pub fn sync(layer: &HtmlElement, want: &[Group], reg: &mut Registry) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
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
    reg.order.retain(|k| group_keys.contains(k.as_str()));
    reg.last.retain(|k, _| group_keys.contains(k.as_str()));

    // Groups: create or move them, keeping the longest run already in order in place.
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
    let mut next: Option<Node> = None;
    for (i, g) in want.iter().enumerate().rev() {
        let el = match reg.groups.get_mut(&g.key) {
            Some((el, at)) => {
                if *at != g.at {
                    set(el, "style", &g.style());
                    *at = g.at;
                }
                el.clone()
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
                el
            }
        };
        if !stay.contains(&i) {
            let _ = layer.insert_before(&el, next.as_ref());
        }
        next = Some(el.into());
    }
    reg.order = want.iter().map(|g| g.key.clone()).collect();

    // Buttons inside each group, in order.
    for g in want {
        if reg.last.get(&g.key) == Some(&g.buttons) {
            continue;
        }
        let Some((group, _)) = reg.groups.get(&g.key) else {
            continue;
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
                    let Some(el) = create_button(&doc, b) else {
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
}
