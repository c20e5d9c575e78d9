//! Potato Cloud card keys (seed 003), served beside the ComeComePay API: `POST /api/login`,
//! `/api/createCardMy`, `/api/getCardMyList` and `/api/verifyCardV2` (no clash with the
//! ComeComePay API, which lives under `/api/v1/…`).
//!
//! Every answer is HTTP 200 with the service's envelope `{code, message, status, data, pc,
//! time, sign}`; `code` says what happened: "200" ok, "203" no data, "403" sign in again,
//! "500" refused with a message. Checked in the service's order: the app's `askKey`, then
//! (with `Config::potato_signing`) `time` and `sign = md5(signSecret + time)`, then the
//! user's `apiUserToken`, then the parameters. Bodies are JSON or form-encoded; numbers may
//! come as text.

use crate::clock;
use crate::secret::{new_token, sha256_hex};
use crate::state::{Shared, lock};
use crate::{POTATO_ASK_KEY, POTATO_PASSWORD, POTATO_SIGN_SECRET, POTATO_USER_NUMBER};
use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use rand::Rng;
use serde_json::{Map, Value, json};
use sqlx::{Row, SqlitePool};

/// The four methods' paths.
pub const PATHS: [&str; 4] = [
    "/api/login",
    "/api/createCardMy",
    "/api/getCardMyList",
    "/api/verifyCardV2",
];

pub fn router() -> Router<Shared> {
    Router::new()
        .route(PATHS[0], post(login))
        .route(PATHS[1], post(create_card_my))
        .route(PATHS[2], post(get_card_my_list))
        .route(PATHS[3], post(verify_card_v2))
}

/// Whether `path` is one of the Potato Cloud methods (counted and faulted like the API).
pub fn is_potato(path: &str) -> bool {
    PATHS.contains(&path)
}

/// Adds the seeded Potato Cloud user when missing.
pub async fn seed(db: &SqlitePool) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT OR IGNORE INTO potato_users (user_number, password_hash) VALUES (?, ?)")
        .bind(POTATO_USER_NUMBER)
        .bind(password_hash(POTATO_USER_NUMBER, POTATO_PASSWORD))
        .execute(db)
        .await?;
    Ok(())
}

/// Control API: every Potato Cloud token expires now. Returns how many did.
pub async fn expire_tokens(db: &SqlitePool) -> Result<u64, sqlx::Error> {
    let now = clock::now_unix();
    let done = sqlx::query("UPDATE potato_tokens SET expires_at = ? WHERE expires_at > ?")
        .bind(now - 1)
        .bind(now - 1)
        .execute(db)
        .await?;
    Ok(done.rows_affected())
}

fn password_hash(user_number: &str, password: &str) -> String {
    sha256_hex(&format!("ccp-sandbox-potato:{user_number}:{password}"))
}

/// An envelope (HTTP 200 whatever the code, as the service answers).
struct Reply {
    code: &'static str,
    message: String,
    data: Value,
    pc: Value,
}

impl Reply {
    fn ok(data: Value) -> Reply {
        Reply {
            code: "200",
            message: String::new(),
            data,
            pc: Value::Null,
        }
    }
    fn no_data() -> Reply {
        Reply {
            code: "203",
            message: "no data".into(),
            data: Value::Null,
            pc: Value::Null,
        }
    }
    fn sign_in_again() -> Reply {
        Reply {
            code: "403",
            message: "the sign-in has expired; sign in again".into(),
            data: Value::Null,
            pc: Value::Null,
        }
    }
    fn refused(message: impl Into<String>) -> Reply {
        Reply {
            code: "500",
            message: message.into(),
            data: Value::Null,
            pc: Value::Null,
        }
    }
}

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        Json(json!({
            "code": self.code,
            "message": self.message,
            "status": self.code == "200",
            "data": self.data,
            "pc": self.pc,
            "time": null,
            "sign": null,
        }))
        .into_response()
    }
}

impl From<sqlx::Error> for Reply {
    fn from(e: sqlx::Error) -> Self {
        tracing::error!("database: {e}");
        Reply::refused("request error")
    }
}

type Answer = Result<Reply, Reply>;

/// The body's fields: JSON, or form-encoded when the content type says so.
fn fields(headers: &HeaderMap, body: &[u8]) -> Result<Map<String, Value>, Reply> {
    let form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|c| c.starts_with("application/x-www-form-urlencoded"));
    if form {
        return Ok(url::form_urlencoded::parse(body)
            .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
            .collect());
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice(body) {
        Ok(Value::Object(o)) => Ok(o),
        _ => Err(Reply::refused("request body is not valid JSON")),
    }
}

fn text(o: &Map<String, Value>, name: &str) -> Option<String> {
    match o.get(name)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// An integer field: absent → `None`; present but not an integer → refused.
fn int(o: &Map<String, Value>, name: &str) -> Result<Option<i64>, Reply> {
    match o.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::Number(n)) => n
            .as_i64()
            .map(Some)
            .ok_or_else(|| Reply::refused(format!("{name} must be an integer"))),
        Some(Value::String(s)) => s
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| Reply::refused(format!("{name} must be an integer"))),
        Some(_) => Err(Reply::refused(format!("{name} must be an integer"))),
    }
}

fn header_text<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

fn now_ms(st: &Shared) -> i64 {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or_default();
    now + st.config.potato_clock_offset_ms
}

/// The app's `askKey`, then (signing on) `time` and `sign`.
fn check_app(st: &Shared, headers: &HeaderMap) -> Result<(), Reply> {
    if header_text(headers, "askKey") != Some(POTATO_ASK_KEY) {
        return Err(Reply::refused("askKey is missing or invalid"));
    }
    if !st.config.potato_signing {
        return Ok(());
    }
    let (Some(time), Some(sign)) = (header_text(headers, "time"), header_text(headers, "sign"))
    else {
        return Err(Reply::refused("sign and time are required"));
    };
    let Ok(at) = time.parse::<i64>() else {
        return Err(Reply::refused("time must be milliseconds"));
    };
    let window = st.config.potato_sign_window.as_millis() as i64;
    if (now_ms(st) - at).abs() > window {
        return Err(Reply::refused("request time expired"));
    }
    let want = format!(
        "{:x}",
        md5_digest(format!("{POTATO_SIGN_SECRET}{time}").as_bytes())
    );
    if sign != want {
        return Err(Reply::refused("sign verification failed"));
    }
    Ok(())
}

fn md5_digest(data: &[u8]) -> Md5Hex {
    use md5::{Digest, Md5};
    Md5Hex(Md5::digest(data).into())
}

struct Md5Hex([u8; 16]);

impl std::fmt::LowerHex for Md5Hex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for b in self.0 {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

/// The user of a live `apiUserToken`, else "403".
async fn user_of(st: &Shared, headers: &HeaderMap) -> Result<i64, Reply> {
    let Some(token) = header_text(headers, "apiUserToken") else {
        return Err(Reply::sign_in_again());
    };
    let user: Option<i64> =
        sqlx::query_scalar("SELECT user_id FROM potato_tokens WHERE hash = ? AND expires_at > ?")
            .bind(sha256_hex(token))
            .bind(clock::now_unix())
            .fetch_optional(&st.db)
            .await?;
    user.ok_or_else(Reply::sign_in_again)
}

async fn login(State(st): State<Shared>, headers: HeaderMap, body: Bytes) -> Reply {
    answer(login_inner(&st, &headers, &body).await)
}

async fn login_inner(st: &Shared, headers: &HeaderMap, body: &[u8]) -> Answer {
    check_app(st, headers)?;
    let o = fields(headers, body)?;
    let (Some(number), Some(password)) = (text(&o, "userNumber"), text(&o, "passWord")) else {
        return Err(Reply::refused("userNumber and passWord are required"));
    };
    let user: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM potato_users WHERE user_number = ? AND password_hash = ?",
    )
    .bind(&number)
    .bind(password_hash(&number, &password))
    .fetch_optional(&st.db)
    .await?;
    let Some(user) = user else {
        return Err(Reply::refused("wrong user number or password"));
    };
    let token = new_token("pt");
    sqlx::query("INSERT INTO potato_tokens (hash, user_id, expires_at) VALUES (?, ?, ?)")
        .bind(sha256_hex(&token))
        .bind(user)
        .bind(clock::now_unix() + st.config.potato_token_ttl.as_secs() as i64)
        .execute(&st.db)
        .await?;
    Ok(Reply::ok(
        json!({ "apiUserToken": token, "userNumber": number }),
    ))
}

async fn create_card_my(State(st): State<Shared>, headers: HeaderMap, body: Bytes) -> Reply {
    answer(create_inner(&st, &headers, &body).await)
}

async fn create_inner(st: &Shared, headers: &HeaderMap, body: &[u8]) -> Answer {
    check_app(st, headers)?;
    let user = user_of(st, headers).await?;
    let o = fields(headers, body)?;
    if !st.config.potato_api_generate {
        return Err(Reply::refused(
            "generating card keys by API is not enabled for this app",
        ));
    }
    let key_type = int(&o, "type")?.ok_or_else(|| Reply::refused("type is required"))?;
    if !(0..=5).contains(&key_type) {
        return Err(Reply::refused("type must be 0 to 5"));
    }
    let total = int(&o, "total")?.ok_or_else(|| Reply::refused("total is required"))?;
    if !(1..=10).contains(&total) {
        return Err(Reply::refused("total must be between 1 and 10"));
    }
    let now = now_ms(st);
    let mut tx = st.db.begin().await?;
    let mut keys = Vec::new();
    for _ in 0..total {
        let (key_id, card): (u64, String) = {
            let mut rng = lock(&st.rng);
            let bytes: [u8; 16] = rng.random();
            (
                rng.random_range(700_000_000_000_000_000..800_000_000_000_000_000),
                bytes.iter().map(|b| format!("{b:02X}")).collect(),
            )
        };
        sqlx::query(
            "INSERT INTO potato_keys (key_id, user_id, card_str, type, created_ms, modified_ms, ip)
             VALUES (?, ?, ?, ?, ?, ?, '127.0.0.1')",
        )
        .bind(key_id.to_string())
        .bind(user)
        .bind(&card)
        .bind(key_type)
        .bind(now)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        keys.push(json!({
            "id": key_id.to_string(),
            "createdDate": now,
            "modifiedDate": now,
            "status": 1,
            "ip": "127.0.0.1",
            "appId": crate::POTATO_APP_ID,
            "cardStr": card,
            "exportState": 1,
            "state": 1,
            "type": key_type,
        }));
    }
    tx.commit().await?;
    Ok(Reply::ok(Value::Array(keys)))
}

async fn get_card_my_list(State(st): State<Shared>, headers: HeaderMap, body: Bytes) -> Reply {
    answer(list_inner(&st, &headers, &body).await)
}

/// `yyyy-MM-dd HH:mm:ss` in Beijing time (UTC+8), as the service writes times.
fn beijing(ms: i64) -> String {
    clock::date_time(ms.div_euclid(1000) + 8 * 3600)
}

async fn list_inner(st: &Shared, headers: &HeaderMap, body: &[u8]) -> Answer {
    check_app(st, headers)?;
    let user = user_of(st, headers).await?;
    let o = fields(headers, body)?;
    let page = int(&o, "p")?.unwrap_or(1);
    let size = int(&o, "s")?.unwrap_or(10);
    if page < 1 {
        return Err(Reply::refused("p must be at least 1"));
    }
    if !(1..=1000).contains(&size) {
        return Err(Reply::refused("s must be between 1 and 1000"));
    }
    let state = int(&o, "state")?;
    let key_type = int(&o, "type")?;
    let card = text(&o, "cardStr");
    macro_rules! filter {
        () => {
            " FROM potato_keys WHERE user_id = ?1 AND status = 1
              AND (?2 IS NULL OR state = ?2) AND (?3 IS NULL OR type = ?3)
              AND (?4 IS NULL OR card_str = ?4)"
        };
    }
    let total: i64 = sqlx::query_scalar(concat!("SELECT COUNT(*)", filter!()))
        .bind(user)
        .bind(state)
        .bind(key_type)
        .bind(&card)
        .fetch_one(&st.db)
        .await?;
    if total == 0 {
        return Ok(Reply::no_data());
    }
    let rows = sqlx::query(concat!(
        "SELECT key_id, card_str, type, state, status, created_ms, modified_ms, ip, expire_ms, used_ms",
        filter!(),
        " ORDER BY id DESC LIMIT ?5 OFFSET ?6"
    ))
    .bind(user)
    .bind(state)
    .bind(key_type)
    .bind(&card)
    .bind(size)
    .bind((page - 1).saturating_mul(size))
    .fetch_all(&st.db)
    .await?;
    let keys: Vec<Value> = rows
        .iter()
        .map(|r| {
            let mut key = json!({
                "id": r.get::<String, _>("key_id"),
                // The documented type of `createdDate` is a string (its example a number):
                // the list sends text, `createCardMy` a number.
                "createdDate": beijing(r.get("created_ms")),
                "modifiedDate": r.get::<i64, _>("modified_ms"),
                "status": r.get::<i64, _>("status"),
                "ip": r.get::<String, _>("ip"),
                "appId": crate::POTATO_APP_ID,
                "cardStr": r.get::<String, _>("card_str"),
                "exportState": 1,
                "state": r.get::<i64, _>("state"),
                "type": r.get::<i64, _>("type"),
            });
            if r.get::<Option<i64>, _>("used_ms").is_some() {
                key["expireTime"] = r
                    .get::<Option<i64>, _>("expire_ms")
                    .map_or(Value::Null, |ms| Value::String(beijing(ms)));
            }
            key
        })
        .collect();
    let pages = (total + size - 1) / size;
    Ok(Reply {
        pc: json!({ "p": page, "s": size, "total": total, "totalPage": pages }),
        ..Reply::ok(Value::Array(keys))
    })
}

async fn verify_card_v2(State(st): State<Shared>, headers: HeaderMap, body: Bytes) -> Reply {
    answer(verify_inner(&st, &headers, &body).await)
}

/// How long a key of a type lasts once redeemed; `None`: for ever.
fn lifetime_ms(key_type: i64) -> Option<i64> {
    const DAY: i64 = 86_400_000;
    match key_type {
        0 => Some(DAY),
        1 => Some(7 * DAY),
        2 => Some(30 * DAY),
        3 => Some(90 * DAY),
        4 => Some(365 * DAY),
        _ => None,
    }
}

async fn verify_inner(st: &Shared, headers: &HeaderMap, body: &[u8]) -> Answer {
    check_app(st, headers)?;
    let o = fields(headers, body)?;
    let (Some(mac), Some(card)) = (text(&o, "mac"), text(&o, "cardStr")) else {
        return Err(Reply::refused("mac and cardStr are required"));
    };
    let row = sqlx::query(
        "SELECT id, type, state, mac, expire_ms FROM potato_keys WHERE card_str = ? AND status = 1",
    )
    .bind(&card)
    .fetch_optional(&st.db)
    .await?;
    let Some(row) = row else {
        return Err(Reply::refused("card key does not exist"));
    };
    let id: i64 = row.get("id");
    let key_type: i64 = row.get("type");
    let now = now_ms(st);
    let expire_ms = match row.get::<Option<String>, _>("mac") {
        // Unused: it binds to this device now.
        None => {
            let expire_ms = lifetime_ms(key_type).map(|d| now + d);
            sqlx::query(
                "UPDATE potato_keys SET state = 0, mac = ?, used_ms = ?, expire_ms = ?, modified_ms = ?
                 WHERE id = ?",
            )
            .bind(&mac)
            .bind(now)
            .bind(expire_ms)
            .bind(now)
            .bind(id)
            .execute(&st.db)
            .await?;
            expire_ms
        }
        Some(bound) if bound != mac => {
            return Err(Reply::refused("card key is bound to another device"));
        }
        Some(_) => row.get("expire_ms"),
    };
    let expired = expire_ms.is_some_and(|at| at <= now);
    Ok(Reply::ok(json!({
        "verify": !expired,
        "type": key_type,
        "exTime": expire_ms.map(beijing),
        "remark": if expired { "card key expired" } else { "" },
    })))
}

fn answer(a: Answer) -> Reply {
    a.unwrap_or_else(|e| e)
}
