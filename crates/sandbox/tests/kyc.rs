//! KYC: eligibility, status, the hosted Didit page and the states it moves through.

use crate::support::{Api, kyc_body, kyc_body_with, signed_in, start_with};
use ccp_sandbox::{OTHER_EMAIL, OTHER_PASSWORD, SetKyc};
use serde_json::{Value, json};
use std::time::Duration;

/// Starts a session and presses a button on the hosted page, like a user in a browser.
async fn verify_in_browser(api: &Api, decision: &str) -> Value {
    let r = api
        .post(
            "/didit/initialize-token",
            kyc_body_with(json!({"return_url": "comecomepay://kyc-done"})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["didit_token"]["code"], 200);
    let url = r.body["didit_token"]["data"]["url"]
        .as_str()
        .unwrap()
        .to_owned();
    let page = api.http.get(&url).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("id=\"approve\"")
            && html.contains("id=\"decline\"")
            && html.contains("id=\"review\"")
    );
    let done = api
        .http
        .post(&url)
        .form(&[("decision", decision)])
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), 200);
    let html = done.text().await.unwrap();
    assert!(
        html.contains("comecomepay://kyc-done"),
        "links back to the app"
    );
    // The page is single-use.
    let again = text(api.http.post(&url).form(&[("decision", "approve")])).await;
    assert!(again.contains("Already submitted"));
    r.body
}

#[tokio::test]
async fn seeded_history_and_eligibility() {
    let (sb, api) = signed_in().await;
    let s = api.get("/didit/status").await.body;
    assert_eq!(s["user_kyc_status"], "rejected");
    assert_eq!(s["can_submit_kyc"], true);
    assert_eq!(s["latest_kyc"]["pokepay_status"], 4);
    assert_eq!(s["latest_kyc"]["status"], "rejected");
    assert!(
        s["latest_kyc"]["fail_reason"]
            .as_str()
            .unwrap()
            .contains("姓名")
    );
    let e = api.get("/kyc/eligibility").await.body;
    assert_eq!(
        (e["eligible"].as_bool(), e["payment_status"].as_str()),
        (Some(true), Some("completed"))
    );

    let mut other = Api::new(&sb);
    other.sign_in_as(OTHER_EMAIL, OTHER_PASSWORD).await;
    let e = other.get("/kyc/eligibility").await.body;
    assert_eq!(e["eligible"], false);
    assert_eq!(e["required_action"], "create_kyc_payment");
    let s = other.get("/didit/status").await.body;
    assert_eq!(
        (s["user_kyc_status"].as_str(), &s["latest_kyc"]),
        (Some("none"), &Value::Null)
    );
}

#[tokio::test]
async fn approve_goes_pending_then_approved() {
    let sb = start_with(|c| c.kyc_review_delay = Duration::from_secs(3600)).await;
    let api = Api::signed_in(&sb).await;
    let init = verify_in_browser(&api, "approve").await;
    let s = api.get("/didit/status").await.body;
    assert_eq!(s["latest_kyc"]["id"], init["user_kyc_id"]);
    assert_eq!(latest(&s), (Some("pending"), Some(1)));
    assert_eq!(
        (s["user_kyc_status"].as_str(), s["can_submit_kyc"].as_bool()),
        (Some("pending"), Some(false))
    );
    // Under review: no new session.
    let r = api.post("/didit/initialize-token", kyc_body()).await;
    assert_eq!(
        (r.status.as_u16(), r.body["error"].as_str()),
        (400, Some("Not eligible for KYC"))
    );

    let sb = without_review_delay().await;
    let api = Api::signed_in(&sb).await;
    verify_in_browser(&api, "approve").await;
    let s = api.get("/didit/status").await.body;
    assert_eq!(latest(&s), (Some("approved"), Some(2)));
    assert_eq!(s["latest_kyc"].get("fail_reason"), None);
    assert_eq!(
        (s["user_kyc_status"].as_str(), s["can_submit_kyc"].as_bool()),
        (Some("verified"), Some(false))
    );
    assert_eq!(api.get("/user/profile").await.body["user"]["kyc_level"], 1);
    let e = api.get("/kyc/eligibility").await.body;
    assert_eq!(
        (e["eligible"].as_bool(), e["reason"].as_str()),
        (Some(false), Some("KYC already verified"))
    );
}

#[tokio::test]
async fn decline_and_needs_review() {
    let sb = without_review_delay().await;
    let api = Api::signed_in(&sb).await;
    verify_in_browser(&api, "decline").await;
    let s = api.get("/didit/status").await.body;
    assert_eq!(latest(&s), (Some("rejected"), Some(3)));
    assert!(s["latest_kyc"]["fail_reason"].as_str().unwrap().len() > 3);
    assert_eq!(s["can_submit_kyc"], true);

    verify_in_browser(&api, "review").await;
    let s = api.get("/didit/status").await.body;
    assert_eq!(latest(&s), (Some("processing"), Some(5)));
    assert_eq!(s["user_kyc_status"], "pending");
    // The manual review ends through the control API.
    let s = sb
        .control()
        .set_kyc(SetKyc {
            status: Some("failed".into()),
            pokepay_status: Some(6),
            fail_reason: Some("重复的证件号码".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        s.latest_kyc.as_ref().unwrap().pokepay_status.map(|p| p.0),
        Some(6)
    );
    let s = api.get("/didit/status").await.body;
    assert_eq!(
        (
            s["latest_kyc"]["status"].as_str(),
            s["latest_kyc"]["fail_reason"].as_str()
        ),
        (Some("failed"), Some("重复的证件号码"))
    );
    assert_eq!(s["user_kyc_status"], "rejected");
}

#[tokio::test]
async fn an_abandoned_session_is_not_completed_and_bad_input_is_refused() {
    let (_sb, api) = signed_in().await;
    let first = api.post("/didit/initialize-token", kyc_body()).await.body;
    let s = api.get("/didit/status").await.body;
    assert_eq!(latest(&s), (Some("pending_submit"), Some(1)));
    api.post("/didit/initialize-token", kyc_body()).await;
    let url = first["didit_token"]["data"]["url"].as_str().unwrap();
    let html = text(api.http.get(url)).await;
    assert!(
        html.contains("Already submitted"),
        "the older session is closed"
    );
    let r = api
        .post(
            "/didit/initialize-token",
            kyc_body_with(json!({"return_url": "not a url"})),
        )
        .await;
    assert_eq!(
        (r.status.as_u16(), r.body["error"].as_str()),
        (400, Some("Invalid return_url"))
    );
    let missing = api
        .http
        .get(format!("{}/didit/session/nope", api.base))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
}

#[tokio::test]
async fn the_applicant_is_required_and_its_agent_uid_recorded() {
    let (_sb, api) = signed_in().await;
    let refused = |r: crate::support::Reply, error: &str| {
        assert_eq!(r.status, 400, "{}", r.body);
        assert_eq!(r.body["error"], error, "{}", r.body);
        r.body["details"].as_str().unwrap().to_owned()
    };

    // The e-mail alone (what this client used to send) is not enough; the answer names every
    // missing field, in the `{error, details}` shape.
    let details = refused(
        api.post(
            "/didit/initialize-token",
            json!({"email": "demo@comecomepay.example"}),
        )
        .await,
        "Missing required fields",
    );
    assert_eq!(
        details,
        "first_name, last_name, area_code, phone, bill_country_code, city, address, agent_uid"
    );
    for field in [
        "last_name",
        "phone",
        "bill_country_code",
        "email",
        "agent_uid",
    ] {
        let r = api
            .post(
                "/didit/initialize-token",
                kyc_body_with(json!({ field: null })),
            )
            .await;
        assert_eq!(refused(r, "Missing required fields"), field);
    }
    let r = api
        .post(
            "/didit/initialize-token",
            kyc_body_with(json!({"city": "  "})),
        )
        .await;
    assert_eq!(refused(r, "Missing required fields"), "city");

    // Malformed values are named, never echoed (they are personal data).
    let r = api
        .post(
            "/didit/initialize-token",
            kyc_body_with(json!({
                "phone": "call me 555",
                "bill_country_code": "HKG",
                "first_name": "王小明",
                "agent_uid": "has space",
            })),
        )
        .await;
    let details = refused(r, "Invalid fields");
    for name in ["first_name:", "phone:", "bill_country_code:", "agent_uid:"] {
        assert!(details.contains(name), "{details}");
    }
    assert!(
        !details.contains("555") && !details.contains("王"),
        "{details}"
    );
    let s = api.get("/didit/status").await.body;
    assert_eq!(
        s["latest_kyc"]["status"], "rejected",
        "a refused request starts no session: the seeded history is still the latest"
    );

    // The contract's spelling of the names is read too; state and post code may be left out.
    let r = api
        .post(
            "/didit/initialize-token",
            kyc_body_with(json!({
                "first_name": null, "last_name": null,
                "first_en_name": "Demo", "last_en_name": "User",
                "state": null, "post_code": null,
                "agent_uid": "Demo_User_1700000000001",
            })),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let s = api.get("/didit/status").await.body;
    assert_eq!(s["latest_kyc"]["agent_uid"], "Demo_User_1700000000001");
    assert_eq!(s["latest_kyc"]["id"], r.body["user_kyc_id"]);
}

/// The latest KYC record's (status, pokepay_status), from a `GET /didit/status` answer.
fn latest(status: &Value) -> (Option<&str>, Option<i64>) {
    let record = &status["latest_kyc"];
    (record["status"].as_str(), record["pokepay_status"].as_i64())
}

/// A sandbox that decides a submitted verification at once.
async fn without_review_delay() -> ccp_sandbox::Sandbox {
    start_with(|c| c.kyc_review_delay = Duration::ZERO).await
}

/// The body of a page the verification flow serves (HTML, not the API's JSON).
async fn text(request: reqwest::RequestBuilder) -> String {
    request.send().await.unwrap().text().await.unwrap()
}
