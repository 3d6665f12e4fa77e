//! The marker buttons, kept by hand: one element per site (and per cluster), created,
//! updated and moved only where the layout changed. With hundreds of sites a virtual DOM
//! diff and a style recalculation of every button on each scrub step cost more than a
//! frame; here a step touches only the buttons that changed.
use std::collections::{HashMap, HashSet};

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

use super::layout::Button;

#[derive(Default)]
pub struct Registry {
    els: HashMap<String, (HtmlElement, Button)>,
}

fn set(el: &Element, name: &str, value: &str) {
    let _ = el.set_attribute(name, value);
}

fn create(doc: &Document, b: &Button) -> Option<HtmlElement> {
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

fn update(el: &HtmlElement, old: Option<&Button>, b: &Button) {
    let changed = |f: fn(&Button) -> String| old.is_none_or(|o| f(o) != f(b));
    if changed(Button::class) {
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

/// Makes `layer`'s children the buttons `want`, in that order.
pub fn sync(layer: &HtmlElement, want: &[Button], reg: &mut Registry) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let keys: HashSet<&str> = want.iter().map(|b| b.key.as_str()).collect();
    reg.els.retain(|k, (el, _)| {
        let keep = keys.contains(k.as_str());
        if !keep {
            el.remove();
        }
        keep
    });
    let mut cursor = layer.first_child();
    for b in want {
        let el = match reg.els.get_mut(&b.key) {
            Some((el, old)) => {
                if old != b {
                    update(el, Some(old), b);
                    *old = b.clone();
                }
                el.clone()
            }
            None => {
                let Some(el) = create(&doc, b) else { continue };
                update(&el, None, b);
                reg.els.insert(b.key.clone(), (el.clone(), b.clone()));
                el
            }
        };
        let node: &web_sys::Node = el.as_ref();
        if cursor.as_ref() == Some(node) {
            cursor = node.next_sibling();
        } else {
            let _ = layer.insert_before(node, cursor.as_ref());
        }
    }
}
