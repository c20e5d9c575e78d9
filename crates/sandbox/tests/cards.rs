//! Cards: masked numbers, details, Thredd status changes, another user's card, transactions.

use crate::support::{Api, signed_in};
use ccp_sandbox::{OTHER_EMAIL, OTHER_PASSWORD};
use serde_json::json;

#[tokio::test]
async fn the_list_has_masked_numbers_and_every_state() {
    let (_sb, api) = signed_in().await;
    let r = api.get("/card/list").await;
    assert_eq!(r.status, 200);
    let cards = r.body["data"]["cards"].as_array().unwrap();
    assert_eq!(r.body["data"]["total"], 4);
    let states: Vec<&str> = cards
        .iter()
        .map(|c| c["status"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["normal", "normal", "frozen", "cancelled"]);
    let schemes: Vec<&str> = cards
        .iter()
        .map(|c| c["card_scheme"].as_str().unwrap())
        .collect();
    assert_eq!(schemes, ["visa", "mastercard", "visa", "visa"]);
    for c in cards {
        let no = c["card_no"].as_str().unwrap();
        assert_eq!(no.len(), 16);
        assert_eq!(&no[6..12], "******", "{no}");
        assert!(
            no[..6]
                .chars()
                .chain(no[12..].chars())
                .all(|d| d.is_ascii_digit())
        );
    }
}

#[tokio::test]
async fn account_details_and_status() {
    let (_sb, api) = signed_in().await;
    let token = api.card_token("normal").await;
    let r = api
        .get(&format!("/card/account-details?public_token={token}"))
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body["data"]["public_token"], token.as_str());
    assert_eq!(r.body["data"]["currency_code"], "HKD");
    assert_eq!(r.body["data"]["member_name"], "Demo Cardholder");
    assert_eq!(r.body["data"]["deleted_time"], 0);
    let expiry = r.body["data"]["expiry_date"].as_str().unwrap();
    assert_eq!(expiry.len(), "2030-09-30 08:00:00".len());
    let r = api.get(&format!("/card/status?public_token={token}")).await;
    assert_eq!(r.body["data"]["status"], "normal");
    assert_eq!(r.body["data"]["is_recharge"], 1);
}

#[tokio::test]
async fn freeze_unfreeze_cancel_with_thredd_codes() {
    let (_sb, api) = signed_in().await;
    let token = api.card_token("normal").await;
    let put = |code: &str| {
        api.put(
            "/card/status",
            json!({"public_token": token, "card_status_code": code}),
        )
    };

    let r = put("G1").await;
    assert_eq!(r.status, 200);
    let d = &r.body["data"];
    assert_eq!(d["card_status"], "ShortTermDebitBlock");
    assert_eq!(d["card_status_code"], "G1");
    assert_eq!(d["status_name"], "Frozen");
    assert_eq!(d["updated_by"], "Note: Card freezing");
    assert!(
        d["description"]
            .as_str()
            .unwrap()
            .starts_with("Card Status Changed From 00 to G1 by card status endpoint - Date: ")
    );
    assert_eq!(d["updated"].as_str().unwrap().len(), 10);
    assert_eq!(r.body["message"], "Card status modified successfully");
    let r = api.get(&format!("/card/status?public_token={token}")).await;
    assert_eq!(r.body["data"]["status"], "frozen");

    let r = put("00").await;
    assert_eq!(
        r.body["data"]["description"].as_str().unwrap()[..37],
        *"Card Status Changed From G1 to 00 by "
    );
    assert_eq!(
        api.get(&format!("/card/status?public_token={token}"))
            .await
            .body["data"]["status"],
        "normal"
    );

    // Codes a cardholder may not request.
    for code in ["41", "G2", "zz", ""] {
        let r = put(code).await;
        assert_eq!(r.status, 400, "{code}: {}", r.body);
    }
    let r = put("99").await;
    assert_eq!(r.body["data"]["status_name"], "Cancelled");
    let r = api
        .get(&format!("/card/account-details?public_token={token}"))
        .await;
    assert_eq!(r.body["data"]["status"], "cancelled");
    assert_eq!(r.body["data"]["balance"], 0.0);
    // Cancelled for good.
    for code in ["00", "G1", "99"] {
        let r = put(code).await;
        assert_eq!(r.status, 400);
        assert_eq!(r.body["error"], "Card cancelled");
    }
}

#[tokio::test]
async fn another_users_card_is_forbidden_and_unknown_is_not_found() {
    let (sb, api) = signed_in().await;
    let mut other = Api::new(&sb);
    other.sign_in_as(OTHER_EMAIL, OTHER_PASSWORD).await;
    let theirs = other.card_token("normal").await;
    assert_eq!(other.get("/card/list").await.body["data"]["total"], 1);
    for path in ["/card/status", "/card/account-details"] {
        assert_eq!(
            api.get(&format!("{path}?public_token={theirs}"))
                .await
                .status,
            403
        );
        assert_eq!(
            api.get(&format!("{path}?public_token=000")).await.status,
            404
        );
    }
    let r = api
        .put(
            "/card/status",
            json!({"public_token": theirs, "card_status_code": "G1"}),
        )
        .await;
    assert_eq!(r.status, 400);
    assert_eq!(
        other
            .get(&format!("/card/status?public_token={theirs}"))
            .await
            .body["data"]["status"],
        "normal"
    );
    let r = api
        .get(&format!("/card/transaction-history?public_token={theirs}"))
        .await;
    assert_eq!(r.status, 400);
}

#[tokio::test]
async fn transactions_are_paged_newest_first_and_filtered_by_date() {
    let (_sb, api) = signed_in().await;
    let token = api.card_token("normal").await;
    let page = async |q: String| {
        api.get(&format!(
            "/card/transaction-history?public_token={token}{q}"
        ))
        .await
    };
    let p1 = page("&limit=20".into()).await;
    assert_eq!(p1.body["data"]["total"], 30);
    let p2 = page("&limit=20&page=2".into()).await;
    let t1 = p1.body["data"]["transactions"].as_array().unwrap();
    let t2 = p2.body["data"]["transactions"].as_array().unwrap();
    assert_eq!((t1.len(), t2.len()), (20, 10));
    let times: Vec<&str> = t1
        .iter()
        .chain(t2)
        .map(|t| t["trade_time"].as_str().unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "newest first");
    let ids: std::collections::HashSet<&str> = t1
        .iter()
        .chain(t2)
        .map(|t| t["transaction_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 30);
    assert_eq!(
        page("&page=9".into()).await.body["data"]["transactions"],
        json!([])
    );

    let day = &times[5][..10];
    let r = page(format!("&start_date={day}&end_date={day}")).await;
    let got = r.body["data"]["transactions"].as_array().unwrap();
    assert!(!got.is_empty());
    assert!(
        got.iter()
            .all(|t| t["trade_time"].as_str().unwrap().starts_with(day))
    );

    for bad in [
        "&limit=0",
        "&limit=101",
        "&page=0",
        "&page=x",
        "&start_date=2026-13-01",
    ] {
        let r = page(bad.into()).await;
        assert_eq!(r.status, 400, "{bad}");
        assert!(r.body["details"].as_str().unwrap().len() > 5);
    }
}
