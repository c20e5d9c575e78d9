//! The service's envelope `{code, message, status, data, pc, time, sign}` and the lenient
//! reading of what it carries. The string `code` rules, not the HTTP status: "200" ok,
//! "203" no data, "403" sign in again, anything else (documented: "500") the service's
//! message.

use crate::{Error, Result};
use ccp_model::potato::{CardKey, KeyState, KeyTime, KeyType, Verification};
pub(crate) use ccp_model::wire::Raw;
use ccp_model::wire::describe_json_error;
use serde_json::{Map, Value};

/// A successful envelope.
#[derive(Debug)]
pub(crate) enum Answer {
    /// "200": `data` and `pc` (either may be null).
    Data { data: Value, pc: Value },
    /// "203": no data.
    NoData,
}

/// A failed envelope whose code the caller may treat specially ("403").
pub(crate) enum Failed {
    SignInAgain(String),
    Other(Error),
}

/// Who the errors name as the peer.
pub(crate) const PEER: &str = "Potato Cloud";

/// Longest service message kept in an error (a misbehaving server could send megabytes).
const MAX_MESSAGE: usize = 300;

pub(crate) fn envelope(raw: &Raw<'_>) -> std::result::Result<Answer, Failed> {
    let ok_status = (200..300).contains(&raw.status);
    let json: Value = match serde_json::from_slice(raw.body) {
        Ok(json) => json,
        Err(e) => {
            return Err(Failed::Other(if raw.is_html() {
                ccp_io::Error::html(PEER, raw).into()
            } else if !ok_status {
                Error::Http {
                    endpoint: raw.endpoint.to_owned(),
                    status: raw.status,
                }
            } else {
                decode_error(raw.endpoint, describe_json_error(&e))
            }));
        }
    };
    let code = json.as_object().and_then(|o| o.get("code")).and_then(text);
    let Some(code) = code else {
        return Err(Failed::Other(if ok_status {
            decode_error(raw.endpoint, "the answer has no result code")
        } else {
            Error::Http {
                endpoint: raw.endpoint.to_owned(),
                status: raw.status,
            }
        }));
    };
    let message = || {
        json.get("message")
            .and_then(text)
            .map(|m| short(m.trim()))
            .filter(|m| !m.is_empty())
    };
    match code.trim() {
        "200" => Ok(Answer::Data {
            data: json.get("data").cloned().unwrap_or(Value::Null),
            pc: json.get("pc").cloned().unwrap_or(Value::Null),
        }),
        "203" => Ok(Answer::NoData),
        "403" => Err(Failed::SignInAgain(message().unwrap_or_else(|| {
            "no permission, or the sign-in has expired".into()
        }))),
        other => Err(Failed::Other(Error::Service {
            code: short(other),
            message: message().unwrap_or_else(|| "no message".into()),
        })),
    }
}

fn short(s: &str) -> String {
    match s.char_indices().nth(MAX_MESSAGE) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}

/// A string, or a number as its text.
fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// An integer given as a number or as digits.
fn int(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        Value::Bool(b) => Some(i64::from(*b)),
        _ => None,
    }
}

fn time(v: &Value) -> Option<KeyTime> {
    match v {
        Value::Number(n) => n.as_i64().map(KeyTime::Millis),
        Value::String(s) if s.trim().is_empty() => None,
        Value::String(s) => Some(match s.trim().parse() {
            Ok(ms) => KeyTime::Millis(ms),
            Err(_) => KeyTime::Text(s.trim().to_owned()),
        }),
        _ => None,
    }
}

fn decode_error(endpoint: &str, problem: impl Into<String>) -> Error {
    ccp_io::Error::undecodable(PEER, endpoint, problem).into()
}

/// `data.apiUserToken` (or `data` itself, when it is the token).
pub(crate) fn token(endpoint: &str, data: &Value) -> Result<String> {
    let token = match data {
        Value::String(s) => Some(s.as_str()),
        Value::Object(o) => o.get("apiUserToken").and_then(Value::as_str),
        _ => None,
    };
    token
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .ok_or_else(|| decode_error(endpoint, "the answer carries no apiUserToken"))
}

fn card_key(at: &str, o: &Map<String, Value>) -> std::result::Result<CardKey, String> {
    let card = o
        .get("cardStr")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .ok_or_else(|| format!("at {at}: no cardStr"))?;
    let type_code = o.get("type").and_then(int);
    Ok(CardKey {
        id: o.get("id").and_then(text).unwrap_or_default(),
        card: card.to_owned(),
        key_type: type_code.and_then(KeyType::from_code),
        type_code,
        state: o.get("state").and_then(int).and_then(KeyState::from_code),
        deleted: o.get("status").and_then(int) == Some(0),
        created: o.get("createdDate").and_then(time),
        expires: o.get("expireTime").and_then(time),
    })
}

/// The keys of a `data` that is a list (or an object holding the list).
pub(crate) fn card_keys(endpoint: &str, data: &Value) -> Result<Vec<CardKey>> {
    let (items, prefix) = match data {
        Value::Null => return Ok(Vec::new()),
        Value::Array(items) => (items, "data".to_owned()),
        Value::Object(o) => match ["list", "records", "rows", "data", "content"]
            .into_iter()
            .find_map(|k| o.get(k).and_then(Value::as_array).map(|a| (a, k)))
        {
            Some((items, k)) => (items, format!("data.{k}")),
            None => return Err(decode_error(endpoint, "at data: no list of keys")),
        },
        _ => return Err(decode_error(endpoint, "at data: not a list of keys")),
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let at = format!("{prefix}[{i}]");
            let o = item
                .as_object()
                .ok_or_else(|| decode_error(endpoint, format!("at {at}: not an object")))?;
            card_key(&at, o).map_err(|p| decode_error(endpoint, p))
        })
        .collect()
}

/// Paging of `pc` (any of the usual names), or of `data` when it is an object with paging.
pub(crate) struct Paging {
    pub total: Option<u64>,
    pub pages: Option<u64>,
}

pub(crate) fn paging(pc: &Value, data: &Value) -> Paging {
    let find = |names: &[&str]| {
        [pc, data]
            .into_iter()
            .filter_map(Value::as_object)
            .find_map(|o| names.iter().find_map(|n| o.get(*n).and_then(int)))
            .and_then(|n| u64::try_from(n).ok())
    };
    Paging {
        total: find(&["total", "totalCount", "count", "totalElements", "totalRow"]),
        pages: find(&["pages", "totalPage", "totalPages", "pageCount"]),
    }
}

pub(crate) fn verification(endpoint: &str, data: &Value) -> Result<Verification> {
    let o = data
        .as_object()
        .ok_or_else(|| decode_error(endpoint, "at data: not an object"))?;
    let valid = match o.get("verify") {
        Some(Value::Bool(b)) => *b,
        Some(v) => match text(v).as_deref().map(str::trim) {
            Some("true" | "1") => true,
            Some("false" | "0") => false,
            _ => return Err(decode_error(endpoint, "at data.verify: not a boolean")),
        },
        None => return Err(decode_error(endpoint, "at data: no verify")),
    };
    let non_empty = |k: &str| {
        o.get(k)
            .and_then(text)
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
    };
    Ok(Verification {
        valid,
        key_type: o.get("type").and_then(int).and_then(KeyType::from_code),
        expires: non_empty("exTime"),
        remark: non_empty("remark").map(|r| short(&r)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn raw(status: u16, body: &str) -> Raw<'_> {
        Raw::json("POST /api/test", status, body)
    }

    const PLANTED: &str = "PLANTEDsecretTOKEN0123456789";

    proptest::proptest! {
        /// Any status and any bytes: an answer or an error, never a panic.
        #[test]
        fn any_body_decodes_or_fails_cleanly(status in 100u16..600, body in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..512)) {
            let _ = envelope(&Raw { endpoint: "e", status, content_type: None, retry_after: None, body: &body });
        }

        /// Envelopes that carry a token and fail in some way never put it into their error, and
        /// what the decoders make of their `data` never panics.
        #[test]
        fn a_failure_never_names_the_token(
            status in proptest::sample::select(vec![200u16, 400, 403, 500, 502]),
            code in proptest::sample::select(vec!["\"200\"", "\"203\"", "\"403\"", "\"500\"", "200", "null"]),
            data in proptest::sample::select(vec![
                format!(r#"{{"apiUserToken":"{PLANTED}"}}"#),
                format!(r#""{PLANTED}""#),
                format!(r#"[{{"cardStr":"{PLANTED}","cardType":"x","state":9}}]"#),
                format!(r#"{{"valid":"maybe","token":"{PLANTED}"}}"#),
                "null".to_owned(),
            ]),
        ) {
            let body = format!(r#"{{"code":{code},"message":"m","data":{data},"pc":null}}"#);
            match envelope(&raw(status, &body)) {
                Err(Failed::Other(e)) => {
                    let shown = format!("{e} {e:?}");
                    proptest::prop_assert!(!shown.contains(PLANTED));
                }
                Err(Failed::SignInAgain(m)) => proptest::prop_assert!(!m.contains(PLANTED)),
                Ok(Answer::Data { data, pc }) => {
                    let _ = token("e", &data);
                    let _ = paging(&pc, &data);
                    if let Err(e) = verification("e", &data) {
                        let shown = format!("{e} {e:?}");
                        proptest::prop_assert!(!shown.contains(PLANTED));
                    }
                    if let Err(e) = card_keys("e", &data) {
                        let shown = format!("{e} {e:?}");
                        proptest::prop_assert!(!shown.contains(PLANTED));
                    }
                }
                Ok(Answer::NoData) => {}
            }
        }
    }

    fn error(r: Raw<'_>) -> Error {
        match envelope(&r) {
            Err(Failed::Other(e)) => e,
            Err(Failed::SignInAgain(m)) => panic!("sign in again: {m}"),
            Ok(a) => panic!("{a:?}"),
        }
    }

    #[test]
    fn the_code_rules_not_the_http_status() {
        let ok = envelope(&raw(200, r#"{"code":"200","data":[1],"pc":null}"#));
        assert!(matches!(ok, Ok(Answer::Data { data, .. }) if data == json!([1])));
        // A number code too; an HTTP 500 with a "200" envelope is still ok.
        assert!(matches!(
            envelope(&raw(500, r#"{"code":200,"data":null}"#)),
            Ok(Answer::Data { .. })
        ));
        assert!(matches!(
            envelope(&raw(200, r#"{"code":"203","message":"暂无数据"}"#)),
            Ok(Answer::NoData)
        ));
        assert!(matches!(
            envelope(&raw(200, r#"{"code":"403","message":"登录超时"}"#)),
            Err(Failed::SignInAgain(m)) if m == "登录超时"
        ));
        let e = error(raw(
            200,
            r#"{"code":"500","message":"生成失败","status":false}"#,
        ));
        assert_eq!(
            e.to_string(),
            "Potato Cloud refused the request (code 500): 生成失败"
        );
        let e = error(raw(200, r#"{"code":"500"}"#));
        assert!(e.to_string().ends_with("no message"), "{e}");
    }

    #[test]
    fn html_truncated_malformed_and_bare_statuses_are_clear() {
        let mut r = raw(502, "<html><body>Bad gateway</body></html>");
        r.content_type = Some("text/html");
        assert_eq!(
            error(r).to_string(),
            "Potato Cloud answered HTML, not JSON (status 502, POST /api/test)"
        );
        let mut r = raw(200, "  <!doctype html>");
        r.content_type = None;
        assert!(matches!(
            error(r),
            Error::Io(ccp_io::Error::Html { status: 200, .. })
        ));
        let e = error(raw(200, r#"{"code":"200","data":[{"cardStr":"AB"#));
        assert!(e.to_string().contains("truncated"), "{e}");
        assert!(!e.to_string().contains("AB"), "{e}");
        let e = error(raw(200, r#"{"code":"200",,}"#));
        assert!(e.to_string().contains("malformed JSON"), "{e}");
        assert!(matches!(
            error(raw(503, "")),
            Error::Http { status: 503, .. }
        ));
        assert!(matches!(
            error(raw(404, r#"{"error":"x"}"#)),
            Error::Http { status: 404, .. }
        ));
        let e = error(raw(200, r#"{"message":"hi"}"#));
        assert!(e.to_string().contains("no result code"), "{e}");
    }

    #[test]
    fn keys_read_leniently_and_errors_name_where_not_what() {
        let data = json!([
            {"id":"783556860021596160","createdDate":1_675_926_123_437_i64,"status":1,"cardStr":"BF28FAE82497C318B95BB9D0D902F251","state":1,"type":1},
            {"id":783556860025790464_i64,"createdDate":"2023-02-09 15:02:03","status":"0","cardStr":"5ABF","state":"0","type":"9","expireTime":"2023-03-09 15:02:03"}
        ]);
        let keys = card_keys("e", &data).unwrap();
        assert_eq!(keys[0].key_type, Some(KeyType::Week));
        assert_eq!(keys[0].state, Some(KeyState::Unused));
        assert_eq!(keys[0].created, Some(KeyTime::Millis(1_675_926_123_437)));
        assert!(!keys[0].deleted);
        assert_eq!(keys[1].id, "783556860025790464");
        assert_eq!((keys[1].key_type, keys[1].type_code), (None, Some(9)));
        assert_eq!(keys[1].state, Some(KeyState::Used));
        assert!(keys[1].deleted);
        assert_eq!(
            keys[1].created,
            Some(KeyTime::Text("2023-02-09 15:02:03".into()))
        );
        let wrapped = card_keys("e", &json!({"list": [{"cardStr": "AA"}], "total": 1})).unwrap();
        assert_eq!(wrapped.len(), 1);
        let e = card_keys("e", &json!([{"cardStr":"SECRETKEY"}, {"id":"2"}])).unwrap_err();
        assert_eq!(
            e.to_string(),
            "undecodable answer from Potato Cloud (e): at data[1]: no cardStr"
        );
        let p = paging(&json!({"totalPage":3,"total":"41"}), &Value::Null);
        assert_eq!((p.total, p.pages), (Some(41), Some(3)));
    }

    #[test]
    fn verification_and_token() {
        let v = verification(
            "e",
            &json!({"verify":true,"type":2,"exTime":"2026-02-01 10:00:00","remark":""}),
        )
        .unwrap();
        assert!(v.valid);
        assert_eq!(v.key_type, Some(KeyType::Month));
        assert_eq!(v.expires.as_deref(), Some("2026-02-01 10:00:00"));
        assert_eq!(v.remark, None);
        assert!(!verification("e", &json!({"verify":"false"})).unwrap().valid);
        assert!(verification("e", &json!({"type":1})).is_err());
        assert_eq!(token("e", &json!({"apiUserToken":"t1"})).unwrap(), "t1");
        assert_eq!(token("e", &json!("t2")).unwrap(), "t2");
        assert!(token("e", &json!({})).is_err());
    }
}
