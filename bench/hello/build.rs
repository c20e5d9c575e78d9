use std::path::Path;

fn main() {
    // The real UI (ui/dist) is built by scripts/bench.sh before it builds this app. Without it
    // (`cargo clippy/test --workspace`, which only compile this), a placeholder page stands in,
    // so the workspace builds without a wasm build: tauri::generate_context! needs the folder.
    let dist = Path::new("ui/dist");
    if !dist.exists() {
        std::fs::create_dir_all(dist).expect("bench/hello/ui/dist");
        std::fs::write(
            dist.join("index.html"),
            "<!doctype html><title>Hello</title><p>Build with scripts/bench.sh.</p>\n",
        )
        .expect("placeholder page");
    }
    tauri_build::build();
}
