//! How results are printed: a plain table for people, the ccp-model types as JSON for scripts.

use ccp_model::api::KycStatus;
use ccp_model::view::{CardView, KycView, PasscodeView, TransactionsView};
use serde::Serialize;

pub fn json<T: Serialize>(value: &T) {
    println!(
        "{}",
        serde_json::to_string(value).expect("model types serialize")
    );
}

/// "just now", "5 min ago", "3 h ago", "2 d ago".
pub fn age(fetched_at: i64, now: i64) -> String {
    let secs = (now - fetched_at).max(0);
    match secs {
        0..60 => "just now".to_owned(),
        60..3600 => format!("{} min ago", secs / 60),
        3600..86400 => format!("{} h ago", secs / 3600),
        _ => format!("{} d ago", secs / 86400),
    }
}

/// "4:05" left until `expires_at`.
pub fn countdown(seconds: i64) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

fn money(amount: Option<f64>) -> String {
    amount
        .map(|a| format!("{a:.2}"))
        .unwrap_or_else(|| "—".into())
}

fn or_dash(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("—")
}

pub fn cards(cards: &[CardView]) {
    if cards.is_empty() {
        println!("No cards.");
        return;
    }
    println!(
        "{:<12} {:<18} {:<11} {:<4} {:>12}  STATUS",
        "TOKEN", "NUMBER", "SCHEME", "CUR", "BALANCE"
    );
    for c in cards {
        println!(
            "{:<12} {:<18} {:<11} {:<4} {:>12}  {}",
            c.public_token,
            c.masked_number,
            or_dash(&c.scheme),
            or_dash(&c.currency),
            money(c.balance),
            c.status
        );
    }
}

pub fn card(c: &CardView) {
    println!("Card      {}", c.masked_number);
    println!("Token     {}", c.public_token);
    println!("Scheme    {}", or_dash(&c.scheme));
    println!("Currency  {}", or_dash(&c.currency));
    println!("Balance   {}", money(c.balance));
    println!("Status    {}", c.status);
    println!("Physical  {}", if c.is_physical { "yes" } else { "no" });
    println!("Expires   {}", or_dash(&c.expiry_date));
}

pub fn transactions(t: &TransactionsView) {
    if t.transactions.is_empty() {
        println!("No transactions.");
        return;
    }
    println!(
        "{:<25} {:<24} {:>10} {:<4} {:<10} STATUS",
        "TIME", "MERCHANT", "AMOUNT", "CUR", "TYPE"
    );
    for x in &t.transactions {
        println!(
            "{:<25} {:<24} {:>10} {:<4} {:<10} {}",
            or_dash(&x.trade_time),
            or_dash(&x.merchant_name),
            money(x.amount),
            or_dash(&x.currency),
            or_dash(&x.trade_type),
            or_dash(&x.status)
        );
    }
    println!("({} of {} shown)", t.transactions.len(), t.total);
}

pub fn kyc(k: &KycView) {
    match &k.status {
        None => println!("KYC: not fetched yet."),
        Some(KycStatus {
            user_kyc_status,
            can_submit_kyc,
            message,
            latest_kyc,
        }) => {
            println!("KYC status      {user_kyc_status}");
            if let Some(m) = message {
                println!("Message         {m}");
            }
            println!(
                "Can submit      {}",
                if *can_submit_kyc { "yes" } else { "no" }
            );
            if let Some(l) = latest_kyc {
                let review = l.pokepay_status.map(|p| match p.label() {
                    Some(label) => format!("{} ({label})", p.0),
                    None => p.0.to_string(),
                });
                let status = l.status.as_ref().map(|s| s.to_string());
                println!("Latest request  {}", or_dash(&status));
                println!("Review          {}", or_dash(&review));
                if let Some(reason) = l.fail_reason.as_deref().filter(|r| !r.is_empty()) {
                    println!("Reason          {reason}");
                }
                println!("Updated         {}", or_dash(&l.updated_at));
            }
        }
    }
    if let Some(e) = &k.eligibility {
        println!("Eligible        {}", if e.eligible { "yes" } else { "no" });
        if let Some(reason) = &e.reason {
            println!("                {reason}");
        }
    }
}

pub fn passcode_line(p: &PasscodeView, now: i64) -> String {
    let left = p.seconds_left(now);
    let expiry = if left > 0 {
        format!("expires in {}", countdown(left))
    } else {
        "expired".to_owned()
    };
    format!(
        "{:<8} {:<24} {:>10} {:<4} {:<8} {}",
        p.id,
        p.merchant_name,
        p.amount,
        p.currency,
        p.passcode.expose(),
        expiry
    )
}

pub fn passcodes(codes: &[&PasscodeView], now: i64, all: bool) {
    if codes.is_empty() {
        println!(
            "{}",
            if all {
                "No passcodes."
            } else {
                "No live passcodes."
            }
        );
        return;
    }
    println!(
        "{:<8} {:<24} {:>10} {:<4} {:<8} EXPIRY",
        "ID", "MERCHANT", "AMOUNT", "CUR", "CODE"
    );
    for p in codes {
        println!("{}", passcode_line(p, now));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_and_countdowns() {
        assert_eq!(age(1000, 1030), "just now");
        assert_eq!(age(1000, 1000 + 5 * 60 + 3), "5 min ago");
        assert_eq!(age(0, 3 * 3600), "3 h ago");
        assert_eq!(age(0, 2 * 86400 + 1), "2 d ago");
        assert_eq!(countdown(245), "4:05");
        assert_eq!(countdown(0), "0:00");
    }
}
