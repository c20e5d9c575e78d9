//! Error bodies: the service answers failures in three shapes.

use serde::{Deserialize, Serialize};

/// Any of the service's three error shapes, read leniently: `{error, details}`,
/// `{status: error|fail|failed, message}` and PokePay's `{code, data, errstr, request_id}`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: Option<String>,
    pub details: Option<String>,
    pub status: Option<String>,
    pub message: Option<String>,
    /// An integer in PokePay envelopes and `StatusError`s.
    pub code: Option<serde_json::Value>,
    pub errstr: Option<String>,
    pub request_id: Option<String>,
}

impl ErrorBody {
    /// `{error, details}` as the sandbox writes it (the `ErrorResponse` shape).
    pub fn new(error: impl Into<String>, details: impl Into<String>) -> Self {
        ErrorBody {
            error: Some(error.into()),
            details: Some(details.into()),
            ..Default::default()
        }
    }

    /// A 200 whose `status` is error/fail/failed is a failure too.
    pub fn is_failure_status(status: Option<&str>) -> bool {
        matches!(status, Some("error" | "fail" | "failed"))
    }

    /// The most specific human text the body carries.
    pub fn message(&self) -> Option<String> {
        let main = self
            .message
            .as_deref()
            .or(self.error.as_deref())
            .or(self.errstr.as_deref().filter(|s| *s != "SUCCESS"))?;
        Some(match self.details.as_deref() {
            Some(d) if !d.is_empty() && d != main => format!("{main}: {d}"),
            _ => main.to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_body_reads_all_three_shapes() {
        let a: ErrorBody =
            serde_json::from_str(r#"{"error":"Invalid credentials","details":"wrong password"}"#)
                .unwrap();
        assert_eq!(a.message().unwrap(), "Invalid credentials: wrong password");
        let b: ErrorBody =
            serde_json::from_str(r#"{"status":"fail","message":"Card not found"}"#).unwrap();
        assert_eq!(b.message().unwrap(), "Card not found");
        let c: ErrorBody = serde_json::from_str(
            r#"{"code":500,"data":null,"errstr":"upstream down","request_id":"r1"}"#,
        )
        .unwrap();
        assert_eq!(c.message().unwrap(), "upstream down");
    }
}
