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

    /// The characters of the page's visible text that are drawn as the "missing glyph" box.
    /// Each non-ASCII character is drawn on a canvas in its element's own font and compared
    /// with two unassigned code points (U+0378, U+0379), which no font has: a character as wide
    /// as those and, where the engine draws both boxes alike, drawn the same, is a box (the
    /// picture tells a monospace font's real glyph from its box). Returns the boxes and how
    /// many characters were measured.
    pub async fn missing_glyphs(&self) -> (String, usize) {
        let script = r#"
            const canvas = document.createElement('canvas');
            canvas.width = 64; canvas.height = 64;
            const ctx = canvas.getContext('2d', { willReadFrequently: true });
            const draw = ch => {
                ctx.clearRect(0, 0, 64, 64);
                ctx.fillText(ch, 4, 48);
                return ctx.getImageData(0, 0, 64, 64).data.join(',');
            };
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            const missing = new Set();
            let measured = 0;
            while (walker.nextNode()) {
                const el = walker.currentNode.parentElement;
                if (!el || !el.getClientRects().length) continue;
                const style = getComputedStyle(el);
                if (style.visibility === 'hidden') continue;
                ctx.font = `${style.fontStyle} ${style.fontWeight} 40px ${style.fontFamily}`;
                const box = ctx.measureText('\u0378').width;
                if (Math.abs(ctx.measureText('\u0379').width - box) > 0.01) return 'no box width';
                const boxPicture = draw('\u0378');
                const plainBoxes = boxPicture === draw('\u0379');
                for (const ch of walker.currentNode.data) {
                    if (ch.codePointAt(0) < 0x80 || /\s|\p{M}|\p{Cf}/u.test(ch)) continue;
                    measured += 1;
                    if (Math.abs(ctx.measureText(ch).width - box) < 0.01
                        && (!plainBoxes || draw(ch) === boxPicture)) missing.add(ch);
                }
            }
            return JSON.stringify([[...missing].join(''), measured]);"#;
        self.measure(script, "glyph check").await
    }

    /// Runs a measuring script in the page; it answers in JSON (`JSON.stringify`).
    async fn measure<T: serde::de::DeserializeOwned>(&self, script: &str, what: &str) -> T {
        let out = self
            .client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        let text = out.as_str().unwrap_or_default();
        serde_json::from_str(text).unwrap_or_else(|_| panic!("{what}: {text}"))
    }

    /// Right-to-left order, as drawn: every left-to-right run in the page's text (a number, a
    /// code, a card number, an amount with its currency, a time, "3-D Secure": a run of Latin
    /// letters, digits, bullets and their punctuation holding a digit or a bullet) must be drawn
    /// in its own order, each character to the right of the one before on its line. A run that
    /// the surrounding Arabic reorders ("5203••••••441353", "D Secure-3", "$HK") fails. Also
    /// counts Arabic-Indic digits: a page uses one digit system. Returns the runs drawn out of
    /// order, how many runs were checked, and the Arabic-Indic digits seen.
    pub async fn bidi_misordered(&self) -> (Vec<String>, usize, String) {
        let script = r#"
            const run = /[0-9A-Za-z\u2022$€£¥](?:[0-9A-Za-z\u2022$€£¥.,:+@\/ -]*[0-9A-Za-z\u2022$€£¥])?/g;
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            const bad = [];
            let checked = 0, indic = '';
            while (walker.nextNode()) {
                const node = walker.currentNode;
                const el = node.parentElement;
                if (!el || !el.getClientRects().length || el.closest('input, textarea, select')) continue;
                indic += (node.data.match(/[\u0660-\u0669\u06F0-\u06F9]/g) || []).join('');
                for (const m of node.data.matchAll(run)) {
                    if (!/[0-9\u2022]/.test(m[0]) || m[0].length < 2) continue;
                    checked += 1;
                    let last = null;
                    for (let i = m.index; i < m.index + m[0].length; i++) {
                        if (node.data[i] === ' ') continue;
                        const r = document.createRange();
                        r.setStart(node, i); r.setEnd(node, i + 1);
                        const box = r.getBoundingClientRect();
                        if (!box.width) continue;
                        if (last && Math.abs(box.top - last.top) < 2 && box.left < last.left - 0.5) {
                            bad.push(m[0]);
                            break;
                        }
                        last = box;
                    }
                }
            }
            return JSON.stringify([bad, checked, indic]);"#;
        self.measure(script, "bidi check").await
    }

    /// The lowest contrast between a card face's text and either end of its gradient, over
    /// every face shown (axe cannot read a gradient, so it never judged these); `None` when no
    /// face is shown.
    pub async fn card_face_contrast(&self) -> Option<f64> {
        let script = r#"
            const lum = ([r, g, b]) => {
                const c = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
                return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b);
            };
            const rgb = s => (s.match(/rgba?\([^)]*\)/g) || []).map(m => m.match(/[\d.]+/g).slice(0, 3).map(Number));
            let low = null;
            for (const face of document.querySelectorAll('.card-face')) {
                const text = rgb(getComputedStyle(face).color)[0];
                for (const stop of rgb(getComputedStyle(face).backgroundImage)) {
                    const [a, b] = [lum(text), lum(stop)].sort((x, y) => y - x);
                    const ratio = (a + 0.05) / (b + 0.05);
                    if (low === null || ratio < low) low = ratio;
                }
            }
            return JSON.stringify(low);"#;
        self.measure(script, "card faces").await
    }
}
