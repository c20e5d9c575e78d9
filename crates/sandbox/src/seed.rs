//! The demo world, the same for a given seed: two users, cards in every state, transactions,
//! old passcodes and a KYC history. Times are fixed (before [`ANCHOR`]), not "now", so a seed
//! always gives the same bodies.

use crate::clock;
use crate::passcodes::{self, NewPasscode};
use crate::secret::password_hash;
use crate::{DEMO_EMAIL, DEMO_PASSWORD, OTHER_EMAIL, OTHER_PASSWORD};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sqlx::{Sqlite, SqlitePool, Transaction};

/// 2026-11-01T12:00:00Z: the seeded history ends here.
pub const ANCHOR: i64 = 1_793_534_400;

const DAY: i64 = 86_400;

struct SeedCard {
    scheme: &'static str,
    bin: &'static str,
    currency: &'static str,
    currency_id: i64,
    status: &'static str,
    status_code: &'static str,
    physical: bool,
    transactions: u32,
}

/// The usual card: a virtual Visa in Hong Kong dollars, open, with a month of transactions.
const VISA_HKD: SeedCard = SeedCard {
    scheme: "visa",
    bin: "441353",
    currency: "HKD",
    currency_id: 2,
    status: "normal",
    status_code: "00",
    physical: false,
    transactions: 30,
};

const DEMO_CARDS: &[SeedCard] = &[
    VISA_HKD,
    SeedCard {
        scheme: "mastercard",
        bin: "531993",
        currency: "USD",
        currency_id: 1,
        physical: true,
        ..VISA_HKD
    },
    SeedCard {
        currency: "USD",
        currency_id: 1,
        status: "frozen",
        status_code: "G1",
        ..VISA_HKD
    },
    SeedCard {
        status: "cancelled",
        status_code: "99",
        transactions: 12,
        ..VISA_HKD
    },
];

const OTHER_CARDS: &[SeedCard] = &[SeedCard {
    transactions: 5,
    ..VISA_HKD
}];

const MERCHANTS: &[&str] = &[
    "Amazon",
    "7-Eleven",
    "HKTVmall",
    "Starbucks",
    "Uber",
    "Apple.com/bill",
    "Netflix.com",
    "Wellcome",
    "MTR",
    "Booking.com",
    "Spotify",
    "Taobao",
    "Deliveroo",
    "IKEA",
];

/// Seeds an empty database; a database that already has users is left alone.
pub async fn seed_if_empty(db: &SqlitePool, seed: u64) -> Result<bool, sqlx::Error> {
    let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(db)
        .await?;
    if users > 0 {
        return Ok(false);
    }
    let mut rng = StdRng::seed_from_u64(seed);
    let mut tx = db.begin().await?;
    let demo = insert_user(
        &mut tx,
        &mut rng,
        DEMO_EMAIL,
        DEMO_PASSWORD,
        ("Demo", "Cardholder"),
        Some("+852 9123 4567"),
    )
    .await?;
    let other = insert_user(
        &mut tx,
        &mut rng,
        OTHER_EMAIL,
        OTHER_PASSWORD,
        ("Olive", "Other"),
        None,
    )
    .await?;
    // The second user has not paid the KYC fee: eligibility says so.
    sqlx::query("UPDATE users SET kyc_payment = 'none' WHERE id = ?")
        .bind(other)
        .execute(&mut *tx)
        .await?;
    let kyc_id = insert_kyc_history(&mut tx, demo).await?;
    let mut token_base: u64 = rng.random_range(123_700_000..123_799_000);
    for (user, cards) in [(demo, DEMO_CARDS), (other, OTHER_CARDS)] {
        for card in cards {
            token_base += rng.random_range(1..500);
            insert_card(&mut tx, &mut rng, user, card, token_base, kyc_id).await?;
        }
    }
    // Messages: two notifications (one already read) and two announcements.
    for (user, title, content, days_before, read) in [
        (
            Some(demo),
            "Your card has shipped",
            "Your Mastercard is on its way and should arrive within 7 working days. Activate it in the app when it does.",
            12,
            true,
        ),
        (
            Some(demo),
            "Verification needs another look",
            "We could not match the name on your ID document. Please start the verification again.",
            3,
            false,
        ),
        (
            None,
            "Scheduled maintenance",
            "Card services will be unavailable on Sunday from 02:00 to 04:00 (UTC+8).",
            20,
            false,
        ),
        (
            None,
            "New: freeze all cards at once",
            "\"Wasn't me\" on any 3-D Secure code now freezes every card in one step.",
            6,
            false,
        ),
    ] {
        let kind = if user.is_some() {
            "notification"
        } else {
            "announcement"
        };
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO messages (kind, user_id, title, content, created_unix)
             VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
        )
        .bind(kind)
        .bind(user)
        .bind(title)
        .bind(content)
        .bind(ANCHOR - days_before * DAY)
        .fetch_one(&mut *tx)
        .await?;
        if read {
            sqlx::query("INSERT INTO message_reads (user_id, message_id) VALUES (?1, ?2)")
                .bind(demo)
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
    }
    tx.commit().await?;
    // Old, long-expired passcodes: the list is never empty in the demo.
    for i in 0..5 {
        let at = ANCHOR - (5 - i) * 3 * DAY + rng.random_range(0..DAY);
        let mut p = NewPasscode::random(&mut rng, demo, at);
        if i == 0 {
            p.passcode = format!("0{}", &p.passcode[1..]); // a leading zero that must survive
        }
        passcodes::insert(db, &p).await?;
    }
    Ok(true)
}

async fn insert_user(
    tx: &mut Transaction<'_, Sqlite>,
    rng: &mut StdRng,
    email: &str,
    password: &str,
    (first, last): (&str, &str),
    phone: Option<&str>,
) -> Result<i64, sqlx::Error> {
    let created = ANCHOR - rng.random_range(200..400) * DAY;
    sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, first_name, last_name, phone, wallet_id, referral_code, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(email)
    .bind(password_hash(email, password))
    .bind(first)
    .bind(last)
    .bind(phone)
    .bind(format!("CCP{}", rng.random_range(10_000_000_000_000u64..99_999_999_999_999)))
    .bind(format!("{:06X}", rng.random_range(0..0xFF_FFFFu32)))
    .bind(clock::rfc3339(created))
    .fetch_one(&mut **tx)
    .await
}

/// Two failed attempts: the demo user may (and is asked to) verify again.
async fn insert_kyc_history(
    tx: &mut Transaction<'_, Sqlite>,
    user: i64,
) -> Result<i64, sqlx::Error> {
    let history = [
        (
            "failed",
            3,
            "证件照片模糊，请重新上传 (ID photo is blurred, upload it again)",
            ANCHOR - 60 * DAY,
        ),
        (
            "rejected",
            4,
            "姓名与证件信息不一致 (name does not match the ID document)",
            ANCHOR - 20 * DAY,
        ),
    ];
    let mut last = 0;
    for (i, (status, pokepay, reason, at)) in history.into_iter().enumerate() {
        last = sqlx::query_scalar(
            "INSERT INTO kyc_records (user_id, agent_uid, status, pokepay_status, fail_reason, session_id, verification_id, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(user)
        .bind(format!("KYC{user:04}{:04}", i + 1))
        .bind(status)
        .bind(pokepay)
        .bind(reason)
        .bind(format!("seed-session-{}", i + 1))
        .bind(format!("seed-verification-{}", i + 1))
        .bind(clock::rfc3339(at))
        .bind(clock::rfc3339(at + 2 * DAY))
        .fetch_one(&mut **tx)
        .await?;
    }
    Ok(last)
}

async fn insert_card(
    tx: &mut Transaction<'_, Sqlite>,
    rng: &mut StdRng,
    user: i64,
    card: &SeedCard,
    public_token: u64,
    kyc_id: i64,
) -> Result<(), sqlx::Error> {
    let created = ANCHOR - rng.random_range(100..180) * DAY;
    let balance = if card.status == "cancelled" {
        0.0
    } else {
        f64::from(rng.random_range(1_000..500_000u32)) / 100.0
    };
    let expiry = clock::date_time(created + 3 * 365 * DAY);
    let card_id: i64 = sqlx::query_scalar(
        "INSERT INTO cards (user_id, public_token, card_no, card_scheme, currency, currency_id, product_id, status,
                            status_code, is_physical, kyc_id, balance, created_time, updated_time, activate_time, expiry_date)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(user)
    .bind(public_token.to_string())
    .bind(format!("{}******{:04}", card.bin, rng.random_range(0..10_000u32)))
    .bind(card.scheme)
    .bind(card.currency)
    .bind(card.currency_id)
    .bind(if card.physical { 12 } else { 11 })
    .bind(card.status)
    .bind(card.status_code)
    .bind(card.physical)
    .bind(kyc_id)
    .bind(balance)
    .bind(created)
    .bind(created + DAY)
    .bind(created + 600)
    .bind(format!("{} 08:00:00", &expiry[..10]))
    .fetch_one(&mut **tx)
    .await?;
    for i in 0..card.transactions {
        let at = ANCHOR - i64::from(card.transactions - i) * 2 * DAY - rng.random_range(0..DAY);
        let merchant = MERCHANTS[rng.random_range(0..MERCHANTS.len())];
        let (kind, amount, description) = match i % 10 {
            0 => (
                "recharge",
                f64::from(rng.random_range(100..1_000u32)),
                "Top-up".to_owned(),
            ),
            7 => (
                "refund",
                f64::from(rng.random_range(100..5_000u32)) / 100.0,
                format!("Refund {merchant}"),
            ),
            _ => (
                "consume",
                -f64::from(rng.random_range(100..50_000u32)) / 100.0,
                format!("Purchase at {merchant}"),
            ),
        };
        let status = if i == card.transactions - 1 && card.status == "normal" {
            "pending"
        } else {
            "completed"
        };
        sqlx::query(
            "INSERT INTO transactions (card_id, amount, currency, description, merchant_name, status, trade_id, trade_time,
                                       trade_unix, trade_type, transaction_id)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(card_id)
        .bind(amount)
        .bind(card.currency)
        .bind(description)
        .bind(if kind == "recharge" { "ComeComePay" } else { merchant })
        .bind(status)
        .bind(format!("T{card_id:03}{i:05}{}", rng.random_range(1000..9999u32)))
        .bind(clock::rfc3339(at))
        .bind(at)
        .bind(kind)
        .bind(format!("tx_{:016x}", rng.random::<u64>()))
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
