//! The OpenAPI contract as a validator of response bodies: each documented response's JSON
//! schema (with the contract's `components` beside it, so `$ref`s resolve) checked by
//! `jsonschema` with formats on.

use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::path::PathBuf;

pub struct Contract {
    doc: Value,
}

/// The repo's copy. The shared original beside the repo (dev machines, CI) is read-only and is
/// the service's contract as we were given it; our copy may only *add* operations the mobile
/// client is known to call (each marked `x-assumed`), never change one the original documents.
pub fn contract_text() -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let ours = std::fs::read_to_string(dir.join("contract/comecomepay.openapi.yaml"))
        .expect("repo copy of the contract");
    let shared = dir.join("../../../shared/api/comecomepay.openapi.yaml");
    if let Ok(original) = std::fs::read_to_string(&shared) {
        let original: Value = serde_yaml_ng::from_str(&original).expect("shared contract is YAML");
        let doc: Value = serde_yaml_ng::from_str(&ours).expect("contract is YAML");
        assert_extends(&doc, &original, &shared.display().to_string());
    }
    ours
}

/// `ours` equals `original` except for added paths or operations, each of which says what it
/// assumes.
pub fn assert_extends(ours: &Value, original: &Value, name: &str) {
    let (ours, original) = (ours.as_object().unwrap(), original.as_object().unwrap());
    for (key, value) in original {
        if key != "paths" {
            assert_eq!(ours.get(key), Some(value), "`{key}` differs from {name}");
        }
    }
    assert_eq!(
        ours.keys().collect::<BTreeSet<_>>(),
        original.keys().collect::<BTreeSet<_>>(),
        "top-level keys differ from {name}"
    );
    let empty = serde_json::Map::new();
    let original_paths = original["paths"].as_object().unwrap();
    for (path, item) in ours["paths"].as_object().unwrap() {
        let known = original_paths
            .get(path)
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        for (method, op) in item.as_object().unwrap() {
            match known.get(method) {
                Some(theirs) => assert_eq!(op, theirs, "{method} {path} differs from {name}"),
                None => assert!(
                    op.get("x-assumed").is_some(),
                    "{method} {path} is not in {name}, so it must say what it assumes (x-assumed)"
                ),
            }
        }
    }
    for (path, item) in original_paths {
        for method in item.as_object().unwrap().keys() {
            assert!(
                ours["paths"][path].get(method).is_some(),
                "{method} {path} of {name} is missing from our copy"
            );
        }
    }
}

impl Contract {
    pub fn load() -> Contract {
        let doc: Value = serde_yaml_ng::from_str(&contract_text()).expect("contract is YAML");
        Contract { doc }
    }

    /// Every (METHOD, path, status) the contract documents.
    pub fn documented(&self) -> BTreeSet<(String, String, u16)> {
        let mut all = BTreeSet::new();
        for (path, item) in self.doc["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                for status in op["responses"].as_object().unwrap().keys() {
                    all.insert((method.to_uppercase(), path.clone(), status.parse().unwrap()));
                }
            }
        }
        all
    }

    fn resolve<'a>(&'a self, v: &'a Value) -> &'a Value {
        match v.get("$ref").and_then(Value::as_str) {
            Some(r) => self
                .doc
                .pointer(r.trim_start_matches('#'))
                .unwrap_or_else(|| panic!("dangling $ref {r}")),
            None => v,
        }
    }

    /// The documented response object, if this status is documented for the operation.
    fn response(&self, method: &str, path: &str, status: u16) -> Option<&Value> {
        let op = &self.doc["paths"][path][method.to_lowercase()];
        assert!(op.is_object(), "{method} {path} is not in the contract");
        op["responses"]
            .get(status.to_string())
            .map(|r| self.resolve(r))
    }

    fn validate(&self, schema: &Value, body: &Value) -> Result<(), String> {
        let mut schema = schema.clone();
        if let Some(obj) = schema.as_object_mut() {
            obj.insert("components".into(), self.doc["components"].clone());
        }
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .should_validate_formats(true)
            .build(&schema)
            .map_err(|e| format!("schema does not compile: {e}"))?;
        let errors: Vec<String> = validator
            .iter_errors(body)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors.join("; "))
        }
    }

    /// Checks a response against its documented schema (and the documented `Retry-After`).
    pub fn check(
        &self,
        method: &str,
        path: &str,
        status: u16,
        headers: &reqwest::header::HeaderMap,
        body: &Value,
    ) -> Result<(), String> {
        let response = self
            .response(method, path, status)
            .ok_or_else(|| format!("{method} {path}: status {status} is not documented"))?;
        for name in response["headers"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(k, _)| k)
        {
            if headers.get(name.as_str()).is_none() {
                return Err(format!("{method} {path} {status}: header {name} missing"));
            }
        }
        let schema = response["content"]["application/json"]["schema"].clone();
        let schema = if schema.is_null() { json!({}) } else { schema };
        self.validate(&schema, body)
            .map_err(|e| format!("{method} {path} {status}: {e}\nbody: {body}"))
    }

    /// For answers the contract does not list (unknown routes, 405): the generic Error shape.
    pub fn check_error_shape(&self, body: &Value) -> Result<(), String> {
        let schema =
            self.doc["components"]["responses"]["Error"]["content"]["application/json"]["schema"]
                .clone();
        self.validate(&schema, body)
    }
}
