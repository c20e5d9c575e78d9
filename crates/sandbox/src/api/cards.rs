//! Cards: list, account details, status (read and change with Thredd codes), transactions.

use super::bearer::AuthUser;
use super::lenient;
use super::reply::{ApiError, ApiResult, JsonBody, Params};
use crate::clock;
use crate::db::TransactionRow;
use crate::state::Shared;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use ccp_model::Amount;
use ccp_model::api::{
    AccountDetailsResponse, CardAccountDetails, CardListData, CardListItem, CardListResponse,
    CardLocalStatus, CardStatusChange, CardStatusCode, CardStatusData, CardStatusResponse,
    ChangeCardStatusResponse,
};
use serde_json::{Value, json};

#[derive(sqlx::FromRow)]
struct CardRow {
    id: i64,
    user_id: i64,
    public_token: String,
    card_no: String,
    card_scheme: String,
    currency: String,
    currency_id: i64,
    product_id: i64,
    status: String,
    status_code: String,
    is_physical: bool,
    kyc_id: i64,
    balance: f64,
    created_time: i64,
    updated_time: i64,
    activate_time: i64,
    expiry_date: String,
}

/// A card owner's name, for `member_name`.
#[derive(sqlx::FromRow)]
struct MemberNameRow {
    first_name: String,
    last_name: String,
}

impl CardRow {
    fn open(&self) -> i64 {
        i64::from(self.status != "cancelled")
    }
}

/// Why a card could not be used; each endpoint answers it with the status its contract names.
enum Missing {
    NoKey(&'static str),
    NotFound,
    NotYours,
}

impl Missing {
    /// For endpoints documenting 403/404.
    fn strict(self) -> ApiError {
        match self {
            Missing::NoKey(what) => {
                ApiError::bad_request("Invalid request", format!("{what} is required"))
            }
            Missing::NotFound => ApiError::new(
                StatusCode::NOT_FOUND,
                "Card not found",
                "no card with this id",
            ),
            Missing::NotYours => ApiError::new(
                StatusCode::FORBIDDEN,
                "Forbidden",
                "this card does not belong to the signed-in user",
            ),
        }
    }

    /// For endpoints documenting only 400 for a bad card.
    fn into_bad_request(self) -> ApiError {
        match self {
            Missing::NoKey(what) => {
                ApiError::bad_request("Invalid request", format!("{what} is required"))
            }
            Missing::NotFound | Missing::NotYours => ApiError::bad_request(
                "Card not found",
                "no card with this id for the signed-in user",
            ),
        }
    }
}

async fn find_card(
    st: &Shared,
    user: &AuthUser,
    token: Option<&str>,
    card_id: Option<&str>,
) -> ApiResult<Result<CardRow, Missing>> {
    let row: Option<CardRow> = match (token, card_id) {
        (Some(t), _) => {
            sqlx::query_as("SELECT * FROM cards WHERE public_token = ?")
                .bind(t)
                .fetch_optional(&st.db)
                .await?
        }
        (None, Some(id)) => {
            sqlx::query_as("SELECT * FROM cards WHERE id = ?")
                .bind(id.trim().parse::<i64>().unwrap_or(-1))
                .fetch_optional(&st.db)
                .await?
        }
        (None, None) => return Ok(Err(Missing::NoKey("public_token or card_id"))),
    };
    Ok(match row {
        None => Err(Missing::NotFound),
        Some(c) if c.user_id != user.id => Err(Missing::NotYours),
        Some(c) => Ok(c),
    })
}

pub async fn list(State(st): State<Shared>, user: AuthUser) -> ApiResult<Json<Value>> {
    let rows: Vec<CardRow> = sqlx::query_as("SELECT * FROM cards WHERE user_id = ? ORDER BY id")
        .bind(user.id)
        .fetch_all(&st.db)
        .await?;
    let cards: Vec<CardListItem> = rows
        .into_iter()
        .map(|c| CardListItem {
            id: Some(c.id),
            public_token: c.public_token,
            card_no: c.card_no,
            card_scheme: Some(c.card_scheme),
            currency: Some(c.currency),
            status: CardLocalStatus::from(c.status.as_str()),
            is_physical: Some(c.is_physical),
            kyc_id: Some(c.kyc_id),
            created_at: Some(clock::rfc3339(c.created_time)),
        })
        .collect();
    let mut answer = to_json(CardListResponse {
        status: Some("success".into()),
        data: CardListData {
            total: cards.len() as i64,
            cards,
        },
    });
    if st.config.card_list_without_data {
        answer.as_object_mut().map(|o| o.remove("data"));
    }
    Ok(Json(answer))
}

/// A typed answer as JSON, so a lenient-service simulation can reshape it.
fn to_json<T: serde::Serialize>(answer: T) -> Value {
    serde_json::to_value(answer).unwrap_or_default()
}

pub async fn account_details(
    State(st): State<Shared>,
    user: AuthUser,
    p: Params,
) -> ApiResult<Response> {
    let c = find_card(&st, &user, p.text("public_token"), p.text("card_id"))
        .await?
        .map_err(Missing::strict)?;
    let owner: MemberNameRow =
        sqlx::query_as("SELECT first_name, last_name FROM users WHERE id = ?")
            .bind(c.user_id)
            .fetch_one(&st.db)
            .await?;
    let physical = c.is_physical;
    let answer = to_json(AccountDetailsResponse {
        status: Some("success".into()),
        message: Some("Card account details retrieved successfully".into()),
        data: CardAccountDetails {
            id: Some(c.id),
            card_id: Some(c.product_id),
            currency_code: Some(c.currency.clone()),
            currency_id: Some(c.currency_id),
            status: Some(CardLocalStatus::from(c.status.as_str())),
            member_name: Some(format!("{} {}", owner.first_name, owner.last_name)),
            kyc_id: Some(c.kyc_id),
            agent_id: Some(7),
            balance: money(c.balance),
            amount: money(if physical { 50.0 } else { 10.0 }),
            recharge_fee: money(1.5),
            withdraw_fee: money(1.0),
            transaction_fee: money(0.0),
            cross_border_fee: money(1.2),
            recharge_min: money(10.0),
            recharge_max: money(50_000.0),
            withdraw_min: money(10.0),
            withdraw_max: money(20_000.0),
            single_quota: money(10_000.0),
            day_quota: money(50_000.0),
            month_quota: money(200_000.0),
            is_recharge: Some(c.open()),
            is_withdraw: Some(c.open()),
            physical: Some(physical),
            update_physical: Some(!physical),
            upgrade_amount: money(if physical { 0.0 } else { 40.0 }),
            bill_address: Some("Flat 12A, 88 Queen's Road Central, Hong Kong".into()),
            postal_code: Some("999077".into()),
            activate_time: Some(c.activate_time),
            created_time: Some(c.created_time),
            updated_time: Some(c.updated_time),
            deleted_time: Some(0),
            expiry_date: Some(c.expiry_date.clone()),
            card_expiry: Some(36),
            public_token: c.public_token,
            card_no: c.card_no,
            card_scheme: Some(c.card_scheme),
        },
    });
    let answer = match st.config.account_details_top_level {
        true => hoist_data(answer),
        false => answer,
    };
    if st.config.lenient_bodies
        && let Some(exact) = lenient::account_details(&answer, c.id % 2 == 0)
    {
        return Ok(Json(exact).into_response());
    }
    Ok(Json(money_as_numbers(answer)).into_response())
}

/// An amount as a DECIMAL(20, 4) column prints it (`1000.0000`): the text the lenient
/// simulation serves; by default it is served as a number.
fn money(value: f64) -> Option<Amount> {
    Amount::parse(&format!("{value:.4}")).ok()
}

/// The details' money as JSON numbers, as the contract has them (the model writes strings).
fn money_as_numbers(mut answer: Value) -> Value {
    let numbers = |o: &mut serde_json::Map<String, Value>| {
        for key in CardAccountDetails::MONEY {
            if let Some(v) = o.get_mut(key)
                && let Some(n) = v.as_str().and_then(|s| s.parse::<f64>().ok())
            {
                *v = n.into();
            }
        }
    };
    if let Some(data) = answer.get_mut("data").and_then(Value::as_object_mut) {
        numbers(data);
    } else if let Some(top) = answer.as_object_mut() {
        numbers(top);
    }
    answer
}

/// `{status, message, data: {…}}` → `{status, message, …}`: the details at the top level. The
/// card's own `status` gives way to the answer's.
fn hoist_data(mut answer: Value) -> Value {
    if let Some(o) = answer.as_object_mut()
        && let Some(Value::Object(data)) = o.remove("data")
    {
        for (k, v) in data {
            o.entry(k).or_insert(v);
        }
    }
    answer
}

pub async fn status(
    State(st): State<Shared>,
    user: AuthUser,
    p: Params,
) -> ApiResult<Json<CardStatusResponse>> {
    let token = p
        .text("public_token")
        .ok_or(Missing::NoKey("public_token"))
        .map_err(Missing::strict)?;
    let c = find_card(&st, &user, Some(token), None)
        .await?
        .map_err(Missing::strict)?;
    Ok(Json(CardStatusResponse {
        status: Some("success".into()),
        data: CardStatusData {
            status: CardLocalStatus::from(c.status.as_str()),
            currency_code: Some(c.currency.clone()),
            is_recharge: Some(c.open()),
            is_withdraw: Some(c.open()),
            created_time: Some(c.created_time),
            public_token: c.public_token,
            card_no: c.card_no,
        },
    }))
}

/// `PUT /card/status` with Thredd semantics: `G1` freezes, `00` unfreezes, `99` voids for good.
pub async fn change_status(
    State(st): State<Shared>,
    user: AuthUser,
    JsonBody(body): JsonBody<Value>,
) -> ApiResult<Json<ChangeCardStatusResponse>> {
    let token = body
        .get("public_token")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty());
    let code = body.get("card_status_code").and_then(Value::as_str);
    let (Some(token), Some(code)) = (token, code) else {
        return Err(ApiError::bad_request(
            "Invalid request",
            "public_token and card_status_code are required",
        ));
    };
    let code = CardStatusCode::from(code);
    let (new_local, card_status, status_name, note) = match code {
        CardStatusCode::Active => ("normal", "Active", "Active", "Note: Card unfreezing"),
        CardStatusCode::ShortTermDebitBlock => (
            "frozen",
            "ShortTermDebitBlock",
            "Frozen",
            "Note: Card freezing",
        ),
        CardStatusCode::Voided => (
            "cancelled",
            "Voided",
            "Cancelled",
            "Note: Card cancellation",
        ),
        other => {
            return Err(ApiError::bad_request(
                "Invalid card status code",
                format!(
                    "card_status_code {:?} is not allowed: use 00, G1 or 99",
                    other.as_str()
                ),
            ));
        }
    };
    let c = find_card(&st, &user, Some(token), None)
        .await?
        .map_err(Missing::into_bad_request)?;
    let old = CardStatusCode::from(c.status_code.as_str());
    if old.is_final() {
        return Err(ApiError::bad_request(
            "Card cancelled",
            format!(
                "the card's status is {} (final); it cannot be changed",
                old.as_str()
            ),
        ));
    }
    let now = clock::now_unix();
    // Voiding sets the balance to 0, as Thredd's 99 does.
    sqlx::query(
        "UPDATE cards SET status = ?, status_code = ?, updated_time = ?,
                          balance = CASE WHEN ? = '99' THEN 0 ELSE balance END WHERE id = ?",
    )
    .bind(new_local)
    .bind(code.as_str())
    .bind(now)
    .bind(code.as_str())
    .bind(c.id)
    .execute(&st.db)
    .await?;
    Ok(Json(ChangeCardStatusResponse {
        data: CardStatusChange {
            card_status: card_status.into(),
            description: format!(
                "Card Status Changed From {} to {} by card status endpoint - Date: {}",
                old.as_str(),
                code.as_str(),
                clock::date_time(now)
            ),
            card_status_code: code,
            public_token: c.public_token,
            status_name: status_name.into(),
            updated: clock::date(now),
            updated_by: note.into(),
        },
        message: "Card status modified successfully".into(),
        status: "success".into(),
    }))
}

pub async fn transactions(
    State(st): State<Shared>,
    user: AuthUser,
    p: Params,
) -> ApiResult<Response> {
    let (page, limit) = p.page("limit")?;
    let date = |name: &str| -> ApiResult<Option<i64>> {
        p.text(name)
            .map(|raw| {
                clock::parse_date(raw).ok_or_else(|| {
                    ApiError::bad_request(
                        format!("Invalid {name}"),
                        format!("{name} must be YYYY-MM-DD, got {raw:?}"),
                    )
                })
            })
            .transpose()
    };
    let from = date("start_date")?.unwrap_or(i64::MIN);
    // end_date is inclusive: the whole day.
    let to = date("end_date")?.map_or(i64::MAX, |d| d + 86_399);
    let c = find_card(&st, &user, p.text("public_token"), p.text("card_id"))
        .await?
        .map_err(Missing::into_bad_request)?;
    let total: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM transactions WHERE card_id = ? AND trade_unix BETWEEN ? AND ?",
    )
    .bind(c.id)
    .bind(from)
    .bind(to)
    .fetch_one(&st.db)
    .await?;
    let rows: Vec<TransactionRow> = sqlx::query_as(
        "SELECT id, amount, currency, description, merchant_name, status, trade_id, trade_time, trade_unix,
                trade_type, transaction_id
         FROM transactions WHERE card_id = ? AND trade_unix BETWEEN ? AND ?
         ORDER BY trade_unix DESC, id DESC LIMIT ? OFFSET ?",
    )
    .bind(c.id)
    .bind(from)
    .bind(to)
    .bind(limit)
    .bind((page - 1).saturating_mul(limit))
    .fetch_all(&st.db)
    .await?;
    if st.config.lenient_bodies {
        return Ok(Json(lenient::transactions(page, c.public_token, &rows)).into_response());
    }
    Ok(Json(json!({
        "status": "success",
        "message": "Transaction history retrieved successfully",
        "data": {
            "page": page,
            "page_size": limit,
            "public_token": c.public_token,
            "total": total,
            "transactions": rows,
        },
    }))
    .into_response())
}

/// `GET /card/transaction-details?transaction_id=`: the transaction with what a processor
/// adds (category code, place, authorisation code, fee, billing amount, the card number as
/// stored: BIN and last four) — members no client knows by name, shown as text.
pub async fn transaction_details(
    State(st): State<Shared>,
    user: AuthUser,
    p: Params,
) -> ApiResult<Response> {
    let Some(id) = p.text("transaction_id").filter(|t| !t.trim().is_empty()) else {
        return Err(ApiError::bad_request(
            "transaction_id is required",
            "give the transaction_id of one of your cards' transactions",
        ));
    };
    let row: Option<(TransactionRow, String)> = sqlx::query_as::<_, DetailRow>(
        "SELECT t.id, t.amount, t.currency, t.description, t.merchant_name, t.status, t.trade_id,
                t.trade_time, t.trade_unix, t.trade_type, t.transaction_id, c.card_no
         FROM transactions t JOIN cards c ON c.id = t.card_id
         WHERE t.transaction_id = ? AND c.user_id = ?",
    )
    .bind(id)
    .bind(user.id)
    .fetch_optional(&st.db)
    .await?
    .map(|d| (d.tx, d.card_no));
    // Another user's transaction reads as missing: its existence is nobody else's business.
    let Some((t, card_no)) = row else {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "Transaction not found",
            format!("no transaction {id:?} on your cards"),
        ));
    };
    let mut data = json!(t);
    let extra = json!({
        "mcc": "5942",
        "merchant_city": "Paris",
        "merchant_country": "FR",
        "auth_code": format!("{:06}", t.id * 7919 % 1_000_000),
        "fee": 0.0,
        "billing_amount": t.amount,
        "billing_currency": t.currency,
        "pan": card_no,
    });
    if let (Some(data), Some(extra)) = (data.as_object_mut(), extra.as_object()) {
        data.extend(extra.clone());
    }
    Ok(Json(json!({
        "status": "success",
        "message": "Transaction details retrieved successfully",
        "data": data,
    }))
    .into_response())
}

#[derive(sqlx::FromRow)]
struct DetailRow {
    #[sqlx(flatten)]
    tx: TransactionRow,
    card_no: String,
}
