//! No two source files of one crate import each other, directly or in a loop: a loop means
//! neither file can be read, changed or tested without the other, and the layers (api → error,
//! window → state, client → wire) stay clear only while each file depends one way.
//!
//! What counts as an import: every `crate::…`, `self::…` and `super::…` path in a file's code
//! (`use` lines, groups and paths written inline), outside its `#[cfg(test)] mod tests` and its
//! comments, taken to the file that defines the module named. A name re-exported with `pub use`
//! (`crate::Error`, re-exported by lib.rs from error.rs) is an import of the file defining it,
//! not of the re-exporting one; `mod` and `pub use` lines are declarations, not imports. This
//! reads paths as this workspace writes them (no glob re-exports, no macros that build paths),
//! not as rustc resolves every possible one.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

type Module = Vec<String>;

#[test]
fn no_two_files_of_a_crate_import_each_other() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root.join("crates"))
        .expect("crates/")
        .map(|e| e.expect("entry").path().join("src"))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs.extend([root.join("ui/src"), root.join("src-tauri")]);
    let mut found = Vec::new();
    for dir in &dirs {
        let (edges, loops) = import_loops(dir);
        for files in loops {
            let lines: Vec<String> = files
                .iter()
                .map(|m| {
                    let to: Vec<String> = edges[m]
                        .iter()
                        .filter(|t| files.contains(t))
                        .map(name)
                        .collect();
                    format!("  {} → {}", name(m), to.join(", "))
                })
                .collect();
            found.push(format!("{}:\n{}", dir.display(), lines.join("\n")));
        }
    }
    assert!(dirs.len() >= 11, "crates found: {dirs:?}");
    assert!(
        found.is_empty(),
        "files that import each other:\n{}",
        found.join("\n")
    );
}

/// The checker itself: a loop through a re-exported name and an inline path is found, a `pub
/// use` of a child and a child's `use super::` are not a loop.
#[test]
fn the_check_finds_a_loop_and_only_a_loop() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("lib.rs", "mod api;\nmod error;\npub use error::Error;\n");
    write(
        "error.rs",
        "pub enum Error {}\nconst P: &str = crate::api::PEER;\n",
    );
    write(
        "api/mod.rs",
        "mod wire;\npub use wire::Raw;\nuse crate::Error;\npub const PEER: &str = \"\";\n",
    );
    write("api/wire.rs", "use super::PEER;\npub struct Raw;\n");
    let (_, loops) = import_loops(dir.path());
    let names: Vec<Vec<String>> = loops.iter().map(|l| l.iter().map(name).collect()).collect();
    assert_eq!(names, vec![vec!["api".to_owned(), "error".to_owned()]]);
    write("error.rs", "pub enum Error {}\n");
    assert!(import_loops(dir.path()).1.is_empty());
}

fn name(m: &Module) -> String {
    if m.is_empty() {
        "(crate root)".to_owned()
    } else {
        m.join("/")
    }
}

/// Each file's imports within the crate, and the sets of files that import each other.
fn import_loops(src: &Path) -> (BTreeMap<Module, BTreeSet<Module>>, Vec<Vec<Module>>) {
    let modules = modules(src);
    let code: HashMap<&Module, String> = modules.iter().map(|(m, p)| (m, code(p))).collect();
    let reexports = reexports(&modules, &code);
    let mut edges: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for module in modules.keys() {
        let text = without_declarations(&code[module]);
        let mut imports = BTreeSet::new();
        for path in paths(&text) {
            let path = absolute(module, &path);
            if let Some(target) = resolve(&modules, &reexports, &path)
                && target != *module
            {
                imports.insert(target);
            }
        }
        edges.insert(module.clone(), imports);
    }
    let loops = strongly_connected(&edges)
        .into_iter()
        .filter(|c| c.len() > 1)
        .collect();
    (edges, loops)
}

/// Module path → file, for every .rs file under `src` (`a/mod.rs` and `a.rs` are `a`; lib.rs
/// and main.rs the root).
fn modules(src: &Path) -> BTreeMap<Module, PathBuf> {
    let mut out = BTreeMap::new();
    let mut dirs = vec![src.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("read a source dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(src).unwrap().with_extension("");
                let mut parts: Module = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                if matches!(
                    parts.last().map(String::as_str),
                    Some("mod" | "lib" | "main")
                ) {
                    parts.pop();
                }
                out.insert(parts, path);
            }
        }
    }
    out
}

/// The file's text without its unit tests and its comments.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("read a source file");
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(cut) => &text[..cut],
        None => &text[..],
    };
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The statements `pub use …;` / `pub(crate) use …;` of a text, and the text without them and
/// without `mod x;` lines.
fn reexport_statements(text: &str) -> (Vec<String>, String) {
    let mut statements = Vec::new();
    let mut rest = String::new();
    let mut s = text;
    loop {
        let next = ["pub use ", "pub(crate) use "]
            .iter()
            .filter_map(|k| s.find(k).map(|i| (i, k.len())))
            .min();
        let Some((i, len)) = next else {
            rest.push_str(s);
            break;
        };
        rest.push_str(&s[..i]);
        let end = s[i..].find(';').map_or(s.len(), |e| i + e);
        statements.push(
            s[i + len..end]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        );
        s = &s[(end + 1).min(s.len())..];
    }
    (statements, rest)
}

fn without_declarations(text: &str) -> String {
    let (_, rest) = reexport_statements(text);
    rest.lines()
        .filter(|l| {
            let t = l.trim_start();
            let t = t.strip_prefix("pub ").unwrap_or(t);
            !(t.starts_with("mod ") && t.trim_end().ends_with(';'))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// (module, name) → the file defining what `module` re-exports as `name`.
fn reexports(
    modules: &BTreeMap<Module, PathBuf>,
    code: &HashMap<&Module, String>,
) -> HashMap<(Module, String), Module> {
    let mut out = HashMap::new();
    for module in modules.keys() {
        for statement in reexport_statements(&code[module]).0 {
            let items: Vec<String> = match statement.split_once("::{") {
                Some((prefix, group)) => group
                    .trim_end_matches('}')
                    .split(',')
                    .map(str::trim)
                    .filter(|i| !i.is_empty())
                    .map(|i| format!("{prefix}::{i}"))
                    .collect(),
                None => vec![statement],
            };
            for item in items {
                let (full, rename) = match item.split_once(" as ") {
                    Some((f, r)) => (f.trim(), Some(r.trim())),
                    None => (item.trim(), None),
                };
                let parts: Vec<String> = full.split("::").map(str::to_owned).collect();
                if parts.len() < 2 {
                    continue;
                }
                let name = rename.unwrap_or(&parts[parts.len() - 1]).to_owned();
                let target = deepest(modules, &absolute(module, &parts[..parts.len() - 1]));
                if let Some(target) = target
                    && target != *module
                {
                    out.insert((module.clone(), name), target);
                }
            }
        }
    }
    out
}

/// Every `crate::a::b`, `self::a`, `super::a` path of a text (a `{` after `::` is skipped), and
/// each item of a `use crate::a::{b, c::d}` group as a path of its own.
fn paths(text: &str) -> Vec<Vec<String>> {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let at_word = i == 0 || !ident(chars[i - 1]);
        let rest: String = chars[i..chars.len().min(i + 7)].iter().collect();
        let start = ["crate::", "super::", "self::"]
            .iter()
            .find(|k| rest.starts_with(**k));
        let (Some(_), true) = (start, at_word) else {
            i += 1;
            continue;
        };
        let mut parts = Vec::new();
        let mut grouped = false;
        let mut j = i;
        loop {
            let from = j;
            while j < chars.len() && ident(chars[j]) {
                j += 1;
            }
            if j == from {
                break;
            }
            parts.push(chars[from..j].iter().collect::<String>());
            if chars.get(j) == Some(&':') && chars.get(j + 1) == Some(&':') {
                j += 2;
                if chars.get(j) == Some(&'{') {
                    // A group: each item is a path of its own below; the prefix counts too.
                    let end = chars[j..]
                        .iter()
                        .position(|c| *c == '}')
                        .map_or(chars.len(), |e| j + e);
                    let group: String = chars[j + 1..end].iter().collect();
                    for item in group.split(',') {
                        let item = item.trim().split(" as ").next().unwrap_or("").trim();
                        if !item.is_empty() && item.chars().next().is_some_and(ident) {
                            let mut path = parts.clone();
                            path.extend(
                                item.split("::")
                                    .map(|s| s.trim_matches(['{', '}', ' ']).to_owned()),
                            );
                            out.push(path);
                        }
                    }
                    j = end;
                    grouped = true;
                    break;
                }
            } else {
                break;
            }
        }
        // `use crate::{A, b::C}`: the items are the imports, not the root they hang from.
        if !grouped {
            out.push(parts);
        }
        i = j.max(i + 1);
    }
    out
}

/// `crate::a::b`, `self::a`, `super::super::a` (or a path relative to the module, in a `pub
/// use`) written in `module`, as a path from the crate root.
fn absolute(module: &Module, parts: &[String]) -> Module {
    match parts.first().map(String::as_str) {
        Some("crate") => parts[1..].to_vec(),
        Some("self") => [module.as_slice(), &parts[1..]].concat(),
        Some("super") => {
            let ups = parts.iter().take_while(|p| *p == "super").count();
            let keep = module.len().saturating_sub(ups);
            [&module[..keep], &parts[ups..]].concat()
        }
        _ => [module.as_slice(), parts].concat(),
    }
}

fn deepest(modules: &BTreeMap<Module, PathBuf>, path: &[String]) -> Option<Module> {
    (0..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|m| modules.contains_key(m))
}

fn resolve(
    modules: &BTreeMap<Module, PathBuf>,
    reexports: &HashMap<(Module, String), Module>,
    path: &[String],
) -> Option<Module> {
    for n in (1..=path.len()).rev() {
        if let Some(target) = reexports.get(&(path[..n - 1].to_vec(), path[n - 1].clone())) {
            return Some(target.clone());
        }
    }
    deepest(modules, path)
}

/// Tarjan's strongly connected components.
fn strongly_connected(edges: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<Vec<Module>> {
    struct Walk<'a> {
        edges: &'a BTreeMap<Module, BTreeSet<Module>>,
        index: HashMap<&'a Module, usize>,
        low: HashMap<&'a Module, usize>,
        stack: Vec<&'a Module>,
        on_stack: BTreeSet<&'a Module>,
        found: Vec<Vec<Module>>,
    }
    fn visit<'a>(w: &mut Walk<'a>, n: &'a Module) {
        let i = w.index.len();
        w.index.insert(n, i);
        w.low.insert(n, i);
        w.stack.push(n);
        w.on_stack.insert(n);
        for m in &w.edges[n] {
            let Some((m, _)) = w.edges.get_key_value(m) else {
                continue;
            };
            if !w.index.contains_key(m) {
                visit(w, m);
                let low = w.low[n].min(w.low[m]);
                w.low.insert(n, low);
            } else if w.on_stack.contains(m) {
                let low = w.low[n].min(w.index[m]);
                w.low.insert(n, low);
            }
        }
        if w.low[n] == w.index[n] {
            let mut component = Vec::new();
            while let Some(m) = w.stack.pop() {
                w.on_stack.remove(m);
                component.push(m.clone());
                if m == n {
                    break;
                }
            }
            component.sort();
            w.found.push(component);
        }
    }
    let mut walk = Walk {
        edges,
        index: HashMap::new(),
        low: HashMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for n in edges.keys() {
        if !walk.index.contains_key(n) {
            visit(&mut walk, n);
        }
    }
    walk.found
}
