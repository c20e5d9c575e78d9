//! The accessibility audit: axe-core (npm, pinned in package.json) injected over WebDriver into
//! the page as it is, its violations read back.

use super::App;
use serde_json::Value;

#[derive(Debug, Clone)]
pub struct Violation {
    pub id: String,
    pub impact: String,
    pub help: String,
    pub nodes: Vec<String>,
}

impl Violation {
    /// What the issue counts: serious and critical ones.
    pub fn is_severe(&self) -> bool {
        matches!(self.impact.as_str(), "serious" | "critical")
    }
}

fn axe_source() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/node_modules/axe-core/axe.min.js"
    );
    std::fs::read_to_string(path).expect("axe-core (scripts/setup.sh installs it with npm ci)")
}

impl App {
    /// Runs axe on the current page (WCAG 2 A/AA and best practices).
    pub async fn axe(&self) -> Vec<Violation> {
        let script = format!(
            "{}\n;const done = arguments[arguments.length - 1];\
             axe.run(document, {{ resultTypes: ['violations'] }})\
               .then(r => done(JSON.stringify(r.violations.map(v => ({{\
                 id: v.id, impact: v.impact || '', help: v.help,\
                 nodes: v.nodes.map(n => n.target.join(' ')) }})))))\
               .catch(e => done('axe failed: ' + e));",
            axe_source()
        );
        let out = self
            .client
            .execute_async(&script, vec![])
            .await
            .expect("axe ran");
        let text = out.as_str().unwrap_or_default().to_owned();
        let json: Value = serde_json::from_str(&text).unwrap_or_else(|_| panic!("{text}"));
        json.as_array()
            .into_iter()
            .flatten()
            .map(|v| Violation {
                id: v["id"].as_str().unwrap_or_default().into(),
                impact: v["impact"].as_str().unwrap_or_default().into(),
                help: v["help"].as_str().unwrap_or_default().into(),
                nodes: v["nodes"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|n| n.as_str().map(str::to_owned))
                    .collect(),
            })
            .collect()
    }
}
