#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code, unused_imports))]
//! Vigía's web app: a Yew shell over the core library. Trunk builds it for wasm32
//! (`www/index.html`); natively it only compiles for the component tests.
mod components;
mod model;
mod url;

#[cfg(target_arch = "wasm32")]
fn main() {
    yew::Renderer::<components::App>::new().render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "vigia-web is the browser app; build it with `trunk build --release` (see README.md)."
    );
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
