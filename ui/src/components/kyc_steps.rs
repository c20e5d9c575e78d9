use crate::hooks::use_store;
use crate::i18n::{Key, Lang, t, tf};
use ccp_model::api::{KycLocalStatus, KycStatus, UserKycStatus};
use yew::prelude::*;

/// Where the cardholder is on the way to being verified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    NotStarted,
    Submitted,
    InReview,
    Verified,
    Rejected,
}

impl Step {
    /// From what the service says: the user's overall state first, then the latest check's.
    pub fn of(status: Option<&KycStatus>) -> Step {
        let Some(s) = status else {
            return Step::NotStarted;
        };
        let record = s.latest_kyc.as_ref().and_then(|l| l.status.as_ref());
        match (&s.user_kyc_status, record) {
            (UserKycStatus::Verified, _) | (_, Some(KycLocalStatus::Approved)) => Step::Verified,
            (UserKycStatus::Pending, _) | (_, Some(KycLocalStatus::Processing)) => Step::InReview,
            (_, Some(KycLocalStatus::Pending)) => Step::Submitted,
            (UserKycStatus::Rejected, _)
            | (_, Some(KycLocalStatus::Rejected | KycLocalStatus::Failed)) => Step::Rejected,
            _ => Step::NotStarted,
        }
    }

    /// 0 to 3: its place on the way (verified and rejected both end it).
    fn place(self) -> usize {
        match self {
            Step::NotStarted => 0,
            Step::Submitted => 1,
            Step::InReview => 2,
            Step::Verified | Step::Rejected => 3,
        }
    }

    /// What to do next, in `lang`; `why` is the reason of a rejection, when one is known.
    fn next(self, lang: Lang, why: Option<&str>) -> String {
        match (self, why) {
            (Step::NotStarted, _) => t(lang, Key::NextNotStarted).to_owned(),
            (Step::Submitted, _) => t(lang, Key::NextSubmitted).to_owned(),
            (Step::InReview, _) => t(lang, Key::NextInReview).to_owned(),
            (Step::Verified, _) => t(lang, Key::NextVerified).to_owned(),
            (Step::Rejected, Some(why)) => tf(lang, Key::NextRejected, why),
            (Step::Rejected, None) => t(lang, Key::NextRejectedNoReason).to_owned(),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub status: Option<KycStatus>,
}

/// The way to being verified as four steps (not started → submitted → in review → verified or
/// rejected), the current one marked for screen readers (`aria-current="step"`), and what to
/// do next.
#[function_component(KycSteps)]
pub fn kyc_steps(props: &Props) -> Html {
    let lang = use_store().lang();
    let step = Step::of(props.status.as_ref());
    let last = if step == Step::Rejected {
        Key::StepRejected
    } else {
        Key::StepVerified
    };
    let labels = [
        Key::StepNotStarted,
        Key::StepSubmitted,
        Key::StepInReview,
        last,
    ];
    // A rejection's reason in the user's words where the review says one we know.
    let latest = props.status.as_ref().and_then(|s| s.latest_kyc.as_ref());
    let why = latest.and_then(|l| {
        let known = l
            .pokepay_status
            .and_then(|p| ccp_model::i18n::review(lang, p));
        known
            .map(str::to_owned)
            .or_else(|| l.fail_reason.clone().filter(|r| !r.trim().is_empty()))
    });
    html! {
        <>
            <ol class={classes!("kyc-steps", (step == Step::Rejected).then_some("rejected"))}
                aria-label={t(lang, Key::KycProgress)}>
                { for labels.iter().enumerate().map(|(i, key)| {
                    let state = match i.cmp(&step.place()) {
                        std::cmp::Ordering::Less => "done",
                        std::cmp::Ordering::Equal => "current",
                        std::cmp::Ordering::Greater => "todo",
                    };
                    html! {
                        <li class={classes!("kyc-step", state)}
                            aria-current={(state == "current").then_some("step")}>{ t(lang, *key) }</li>
                    }
                }) }
            </ol>
            <p class="kyc-next">{ step.next(lang, why.as_deref()) }</p>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(user: &str, record: Option<&str>) -> KycStatus {
        serde_json::from_value(serde_json::json!({
            "user_kyc_status": user,
            "can_submit_kyc": true,
            "latest_kyc": record.map(|r| serde_json::json!({ "status": r })),
        }))
        .unwrap()
    }

    #[test]
    fn the_step_follows_the_user_then_the_latest_check() {
        for (user, record, step) in [
            ("none", None, Step::NotStarted),
            ("none", Some("pending_submit"), Step::NotStarted),
            ("none", Some("pending"), Step::Submitted),
            ("none", Some("processing"), Step::InReview),
            ("pending", Some("pending"), Step::InReview),
            ("verified", Some("approved"), Step::Verified),
            ("none", Some("approved"), Step::Verified),
            ("rejected", Some("rejected"), Step::Rejected),
            ("none", Some("failed"), Step::Rejected),
            ("rejected", Some("cancelled"), Step::Rejected),
            ("on_hold", Some("on_hold"), Step::NotStarted),
        ] {
            assert_eq!(
                Step::of(Some(&status(user, record))),
                step,
                "{user} {record:?}"
            );
        }
        assert_eq!(Step::of(None), Step::NotStarted);
    }

    #[test]
    fn a_rejection_says_why_and_what_to_do() {
        let next = Step::Rejected.next(Lang::En, Some("Information mismatch"));
        assert_eq!(
            next,
            "Not accepted: Information mismatch. Check your details below and start again."
        );
        assert!(Step::Rejected.next(Lang::Zh, None).contains("重新"));
    }
}
