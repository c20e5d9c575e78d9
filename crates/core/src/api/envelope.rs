//! Turns a status + body into either the typed answer or the one [`Error`]: the three error
//! shapes, failures dressed as 200s, HTML pages and bodies that do not match the contract.

use crate::Error;
use ccp_model::api::ErrorBody;
pub use ccp_model::wire::Raw;
use serde::de::DeserializeOwned;

pub fn decode<T: DeserializeOwned>(raw: &Raw<'_>) -> Result<T, Error> {
    let json: Option<serde_json::Value> = serde_json::from_slice(raw.body).ok();
    if !(200..300).contains(&raw.status) {
        return Err(failure(raw, json.as_ref()));
    }
    let Some(json) = json else {
        if raw.is_html() {
            return Err(Error::html(raw));
        }
        return Err(Error::undecodable(raw.endpoint, raw.json_problem()));
    };
    if let Some(e) = failure_in_success(raw, &json) {
        return Err(e);
    }
    // From the bytes first: a type that keeps a number's JSON text (a transaction's amount)
    // gets it exactly, where the `Value` has already rounded it through an f64. The `Value`
    // read stays the fallback, and gives the error: it forgives what a typed read of the text
    // does not (a key given twice: the last one counts, as before).
    if let Some(typed) = from_text(raw.body) {
        return Ok(typed);
    }
    serde_path_to_error::deserialize::<_, T>(json).map_err(|e| {
        let path = e.path().to_string();
        Error::undecodable(
            raw.endpoint,
            format!("at {path}: {}", redact(&e.into_inner().to_string())),
        )
    })
}

fn from_text<T: DeserializeOwned>(body: &[u8]) -> Option<T> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let typed = T::deserialize(&mut de).ok()?;
    de.end().ok()?;
    Some(typed)
}

/// A 2xx whose body is one of the error shapes.
fn failure_in_success(raw: &Raw<'_>, json: &serde_json::Value) -> Option<Error> {
    let obj = json.as_object()?;
    let status = obj.get("status").and_then(|s| s.as_str());
    let pokepay_code = obj.get("code").and_then(|c| c.as_i64());
    let is_pokepay =
        pokepay_code.is_some() && (obj.contains_key("errstr") || obj.contains_key("request_id"));
    let failed = ErrorBody::is_failure_status(status) || (is_pokepay && pokepay_code != Some(200));
    if !failed {
        return None;
    }
    let body: ErrorBody = serde_json::from_value(json.clone()).unwrap_or_default();
    let message = body
        .message()
        .unwrap_or_else(|| "the server reported a failure".into());
    Some(match pokepay_code {
        Some(code) if is_pokepay && code >= 500 => Error::Server {
            // The server's own number, any i64: clamped, never wrapped into another status.
            status: u16::try_from(code).unwrap_or(u16::MAX),
            message,
        },
        _ => Error::Refused {
            status: raw.status,
            message,
        },
    })
}

fn failure(raw: &Raw<'_>, json: Option<&serde_json::Value>) -> Error {
    let body = json.and_then(|j| serde_json::from_value::<ErrorBody>(j.clone()).ok());
    if body.is_none() && raw.is_html() {
        return Error::html(raw);
    }
    let message = body
        .and_then(|b| b.message())
        .unwrap_or_else(|| reason(raw.status).to_owned());
    match raw.status {
        401 => Error::Unauthorized { message },
        403 => Error::Forbidden { message },
        404 => Error::NotFound { message },
        429 => Error::RateLimited {
            retry_after: raw.retry_after,
            message,
        },
        s if s >= 500 => Error::Server { status: s, message },
        s => Error::Refused { status: s, message },
    }
}

fn reason(status: u16) -> &'static str {
    reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("unexpected status")
}

/// serde names the offending value in "invalid type/value" messages; keep only what was
/// expected, since the value may be a passcode or token.
fn redact(message: &str) -> String {
    if (message.starts_with("invalid type") || message.starts_with("invalid value"))
        && let Some(i) = message.find(", expected ")
    {
        let head = &message[..message.find(':').unwrap_or(0)];
        return format!("{head}{}", &message[i..]);
    }
    message.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ccp_model::api::{
        AccountDetailsResponse, CardListResponse, ThreeDsResponse, TransactionsResponse,
    };
    use std::time::Duration;

    fn raw<'a>(status: u16, body: &'a str) -> Raw<'a> {
        Raw::json("GET /test", status, body)
    }

    #[test]
    fn error_shapes_map_to_kinds_with_messages() {
        let e = decode::<CardListResponse>(&raw(
            401,
            r#"{"error":"Invalid token","details":"expired"}"#,
        ))
        .unwrap_err();
        assert!(
            matches!(&e, Error::Unauthorized { message } if message == "Invalid token: expired")
        );
        let e = decode::<CardListResponse>(&raw(500, r#"{"status":"error","message":"db down"}"#))
            .unwrap_err();
        assert!(matches!(&e, Error::Server { status: 500, message } if message == "db down"));
        let e = decode::<CardListResponse>(&raw(
            502,
            r#"{"code":502,"data":null,"errstr":"upstream","request_id":"r"}"#,
        ))
        .unwrap_err();
        assert!(matches!(&e, Error::Server { status: 502, message } if message == "upstream"));
        let mut r = raw(429, r#"{"error":"Too many requests"}"#);
        r.retry_after = Some(Duration::from_secs(3));
        let e = decode::<CardListResponse>(&r).unwrap_err();
        assert_eq!(e.retry_after(), Some(Duration::from_secs(3)));
        let e = decode::<CardListResponse>(&raw(400, r#"{"status":"fail","message":"bad code"}"#))
            .unwrap_err();
        assert!(matches!(&e, Error::Refused { status: 400, .. }));
        let e = decode::<CardListResponse>(&raw(404, "")).unwrap_err();
        assert!(matches!(&e, Error::NotFound { message } if message == "Not Found"));
    }

    #[test]
    fn a_200_saying_failed_is_a_failure() {
        let e =
            decode::<CardListResponse>(&raw(200, r#"{"status":"failed","message":"Card frozen"}"#))
                .unwrap_err();
        assert!(matches!(&e, Error::Refused { status: 200, message } if message == "Card frozen"));
        let e = decode::<CardListResponse>(&raw(
            200,
            r#"{"code":400,"data":null,"errstr":"bad card","request_id":"x"}"#,
        ))
        .unwrap_err();
        assert!(matches!(&e, Error::Refused { message, .. } if message == "bad card"));
    }

    #[test]
    fn a_huge_service_code_is_clamped_not_wrapped() {
        for (code, want) in [
            ("503", 503),
            ("70000", u16::MAX),
            ("9223372036854775807", u16::MAX),
        ] {
            let body = format!(r#"{{"code":{code},"data":null,"errstr":"down","request_id":"x"}}"#);
            let e = decode::<CardListResponse>(&raw(200, &body)).unwrap_err();
            assert!(
                matches!(&e, Error::Server { status, .. } if *status == want),
                "{code}: {e:?}"
            );
        }
        let body = r#"{"code":-70000,"data":null,"errstr":"odd","request_id":"x"}"#;
        let e = decode::<CardListResponse>(&raw(200, body)).unwrap_err();
        assert!(matches!(&e, Error::Refused { status: 200, .. }), "{e:?}");
    }

    #[test]
    fn html_truncated_and_wrong_types_are_clear_and_secret_free() {
        let mut r = raw(502, "<html><body>Bad gateway</body></html>");
        r.content_type = Some("text/html");
        let e = decode::<CardListResponse>(&r).unwrap_err();
        assert_eq!(
            e.to_string(),
            "the server answered HTML, not JSON (status 502, GET /test)"
        );
        let mut r = raw(200, "<!doctype html><p>hi");
        r.content_type = None;
        assert!(matches!(
            decode::<CardListResponse>(&r).unwrap_err(),
            Error::Io(ccp_io::Error::Html { status: 200, .. })
        ));
        let e = decode::<CardListResponse>(&raw(200, r#"{"status":"success","data":{"cards":[{"#))
            .unwrap_err();
        assert!(e.to_string().contains("truncated"), "{e}");
        // A wrong type names where, never the value.
        let body = r#"{"data":{"cards":[{"public_token":"1","card_no":{"digits":987654}}]}}"#;
        let e = decode::<CardListResponse>(&raw(200, body)).unwrap_err();
        let text = e.to_string();
        assert!(text.contains("data.cards[0].card_no"), "{text}");
        assert!(!text.contains("987654"), "{text}");
        // A 3-D Secure record that cannot be read is skipped and counted, not a failed page.
        let body = r#"{"data":{"page":1,"page_size":20,"total":1,"total_pages":1,"records":[{"id":1,"amount":"1.00","currency":"USD","expires_after":300,"merchant_name":"M","passcode":987654,"received_at":"2026-01-20T10:30:00Z"}]}}"#;
        let page = decode::<ThreeDsResponse>(&raw(200, body)).unwrap().data;
        assert_eq!((page.records.items.len(), page.records.unreadable), (0, 1));
    }

    #[test]
    fn amounts_arrive_exactly_and_duplicate_keys_still_decode() {
        let body =
            r#"{"data":{"transactions":[{"amount":12.50},{"amount":123456789012345678.99}]}}"#;
        let page = decode::<TransactionsResponse>(&raw(200, body))
            .unwrap()
            .data;
        let amounts: Vec<_> = page
            .transactions
            .items
            .iter()
            .map(|t| t.amount.as_ref().unwrap().as_str())
            .collect();
        assert_eq!(amounts, ["12.50", "123456789012345678.99"]);
        let body = r#"{"status":"success","data":{"page":1,"records":[
            {"id":1,"amount":12.50,"passcode":"012345","received_at":"2026-01-20T10:30:00Z"},
            ["not", "a record"]]}}"#;
        let page = decode::<ThreeDsResponse>(&raw(200, body)).unwrap().data;
        assert_eq!(page.records.items[0].amount, "12.50");
        assert_eq!(page.records.unreadable, 1);
        for body in [
            r#"{"status":"success","data":{"balance":1000.00,"recharge_fee":1.50}}"#,
            r#"{"status":"success","balance":1000.00,"recharge_fee":1.50}"#,
        ] {
            let d = decode::<AccountDetailsResponse>(&raw(200, body))
                .unwrap()
                .data;
            assert_eq!(d.balance.unwrap().as_str(), "1000.00", "{body}");
            assert_eq!(d.recharge_fee.unwrap().as_str(), "1.50", "{body}");
        }
        // A key given twice fails a typed read of the text; the `Value` read takes the last.
        let body = r#"{"data":{"total":1,"total":2,"transactions":[{"amount":"1.00"}]}}"#;
        let page = decode::<TransactionsResponse>(&raw(200, body))
            .unwrap()
            .data;
        assert_eq!(page.total, 2);
        assert_eq!(
            page.transactions.items[0].amount.as_ref().unwrap().as_str(),
            "1.00"
        );
    }

    #[test]
    fn unknown_enum_values_are_kept() {
        let body = r#"{"status":"success","data":{"total":1,"cards":[{"public_token":"1","card_no":"441353******1149","status":"suspended"}]}}"#;
        let ok = decode::<CardListResponse>(&raw(200, body)).unwrap();
        assert_eq!(ok.data.cards[0].status.as_str(), "suspended");
    }
}
