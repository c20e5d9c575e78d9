//! 3-D Secure passcode records: inserting one, many, random ones, and the generator that
//! simulates purchases on a timer.

use crate::clock;
use crate::state::{Shared, lock};
use ccp_model::Sensitive;
use ccp_model::api::ThreeDsRecord;
use rand::Rng;
use sqlx::SqlitePool;
use std::time::Duration;

/// Default validity of a passcode, seconds after `received_at`.
pub const DEFAULT_EXPIRES_AFTER: i64 = 300;

const MERCHANTS: &[(&str, &str)] = &[
    ("Amazon", "USD"),
    ("Apple.com/bill", "USD"),
    ("Netflix.com", "USD"),
    ("Uber *Trip", "USD"),
    ("HKTVmall", "HKD"),
    ("Taobao", "HKD"),
    ("Booking.com", "USD"),
    ("Steam Purchase", "USD"),
    ("Cathay Pacific", "HKD"),
    ("Spotify", "USD"),
];

pub struct NewPasscode {
    pub user_id: i64,
    pub amount: String,
    pub currency: String,
    pub merchant_name: String,
    pub passcode: String,
    pub received_at: String,
    pub expires_after: i64,
}

impl NewPasscode {
    /// A plausible purchase at `received_unix`, drawn from `rng`.
    pub fn random(rng: &mut impl Rng, user_id: i64, received_unix: i64) -> NewPasscode {
        let (merchant, currency) = MERCHANTS[rng.random_range(0..MERCHANTS.len())];
        let cents: u32 = rng.random_range(100..250_000);
        NewPasscode {
            user_id,
            amount: format!("{}.{:02}", cents / 100, cents % 100),
            currency: currency.into(),
            merchant_name: merchant.into(),
            passcode: format!("{:06}", rng.random_range(0..1_000_000u32)),
            received_at: clock::rfc3339(received_unix),
            expires_after: DEFAULT_EXPIRES_AFTER,
        }
    }
}

pub async fn insert(db: &SqlitePool, p: &NewPasscode) -> Result<ThreeDsRecord, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO passcodes (user_id, amount, currency, merchant_name, passcode, received_at, expires_after)
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(p.user_id)
    .bind(&p.amount)
    .bind(&p.currency)
    .bind(&p.merchant_name)
    .bind(&p.passcode)
    .bind(&p.received_at)
    .bind(p.expires_after)
    .fetch_one(db)
    .await?;
    Ok(ThreeDsRecord {
        id,
        amount: p.amount.clone(),
        currency: p.currency.clone(),
        expires_after: p.expires_after,
        merchant_name: p.merchant_name.clone(),
        passcode: Sensitive::new(p.passcode.clone()),
        received_at: p.received_at.clone(),
    })
}

/// Inserts `count` records in one statement (a recursive CTE), so 10 000 take milliseconds.
/// Returns the first and last new ids.
pub async fn bulk(db: &SqlitePool, user_id: i64, count: u32) -> Result<(i64, i64), sqlx::Error> {
    let mut tx = db.begin().await?;
    let before: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM passcodes")
        .fetch_one(&mut *tx)
        .await?;
    let received_at = clock::now_rfc3339();
    sqlx::query(
        "WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ?)
         INSERT INTO passcodes (user_id, amount, currency, merchant_name, passcode, received_at, expires_after)
         SELECT ?, printf('%d.%02d', 1 + n % 500, n % 100), 'USD', 'Bulk Merchant ' || n,
                printf('%06d', (n * 7919) % 1000000), ?, ?
         FROM seq",
    )
    .bind(count)
    .bind(user_id)
    .bind(&received_at)
    .bind(DEFAULT_EXPIRES_AFTER)
    .execute(&mut *tx)
    .await?;
    let after: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM passcodes")
        .fetch_one(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok((before + 1, after))
}

/// Simulates purchases of the demo user: a new passcode every `every`, until the task is dropped.
pub async fn generator(state: Shared, every: Duration) {
    let mut tick = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
    loop {
        tick.tick().await;
        let user_id = match crate::db::user_id(&state.db, crate::DEMO_EMAIL).await {
            Ok(Some(id)) => id,
            _ => continue,
        };
        let record = {
            let mut rng = lock(&state.rng);
            NewPasscode::random(&mut *rng, user_id, clock::now_unix())
        };
        match insert(&state.db, &record).await {
            Ok(r) => {
                tracing::info!(id = r.id, merchant = %r.merchant_name, "simulated 3-D Secure passcode")
            }
            Err(e) => tracing::warn!("passcode generator: {e}"),
        }
    }
}
