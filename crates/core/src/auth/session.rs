//! The signed-in session in memory: tokens in secrecy types, with a generation number so
//! concurrent 401s can tell whether someone else already refreshed.

use ccp_model::view::SessionInfo;
use secrecy::SecretString;
use std::sync::{Arc, RwLock};

#[derive(Clone)]
pub struct Active {
    pub email: String,
    pub access: Arc<SecretString>,
    pub refresh: Arc<SecretString>,
    pub generation: u64,
}

#[derive(Default)]
pub struct Session {
    state: RwLock<Option<Active>>,
    user: RwLock<Option<ccp_model::api::User>>,
    generation: std::sync::atomic::AtomicU64,
}

impl Session {
    pub fn active(&self) -> Option<Active> {
        self.state.read().expect("session lock").clone()
    }

    pub fn is_active(&self) -> bool {
        self.state.read().expect("session lock").is_some()
    }

    /// Installs new tokens (sign-in or refresh) and returns their generation.
    pub fn set(&self, email: &str, access: SecretString, refresh: SecretString) -> u64 {
        let generation = self
            .generation
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst)
            + 1;
        *self.state.write().expect("session lock") = Some(Active {
            email: email.to_owned(),
            access: Arc::new(access),
            refresh: Arc::new(refresh),
            generation,
        });
        generation
    }

    /// Installs refreshed tokens only if the session is still the one (same generation) they
    /// were refreshed for: a sign-out or sign-in meanwhile wins. Returns whether they were taken.
    pub fn replace(
        &self,
        seen_generation: u64,
        access: SecretString,
        refresh: SecretString,
    ) -> bool {
        let mut state = self.state.write().expect("session lock");
        let Some(active) = state.as_ref().filter(|a| a.generation == seen_generation) else {
            return false;
        };
        let generation = self
            .generation
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst)
            + 1;
        *state = Some(Active {
            email: active.email.clone(),
            access: Arc::new(access),
            refresh: Arc::new(refresh),
            generation,
        });
        true
    }

    pub fn clear(&self) {
        let mut state = self.state.write().expect("session lock");
        self.generation
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        *state = None;
        drop(state);
        *self.user.write().expect("user lock") = None;
    }

    pub fn set_user(&self, user: Option<ccp_model::api::User>) {
        if user.is_some() {
            *self.user.write().expect("user lock") = user;
        }
    }

    pub fn info(&self) -> Option<SessionInfo> {
        let email = self
            .state
            .read()
            .expect("session lock")
            .as_ref()?
            .email
            .clone();
        Some(SessionInfo {
            email,
            user: self.user.read().expect("user lock").clone(),
            not_kept: None,
        })
    }
}
