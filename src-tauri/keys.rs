//! The window's Card keys page over ccp-potato (Potato Cloud, seed 003). The app's askKey and
//! signing secret and the user's token live in the OS keyring, the server's address in the
//! settings; the shell holds the client, and each command only hands over.

use crate::error::{Error, Result};
use ccp_model::ipc::{KeysSetupArgs, KeysStatus};
use ccp_potato::{AppKeys, Config, PotatoClient};
use std::path::PathBuf;
use tokio::sync::{MappedMutexGuard, Mutex, MutexGuard};

/// The client of the Potato Cloud server the user set up (none before).
pub struct Keys {
    client: Mutex<Option<PotatoClient>>,
    data_dir: PathBuf,
    keyring_prefix: Option<String>,
}

impl Keys {
    pub fn new(data_dir: PathBuf, keyring_prefix: Option<String>) -> Keys {
        Keys {
            client: Mutex::new(None),
            data_dir,
            keyring_prefix,
        }
    }

    fn config(&self, server: &str) -> Result<Config> {
        let config = Config::new(server.trim())?;
        Ok(match &self.keyring_prefix {
            Some(prefix) => config.with_keyring_prefix(prefix),
            None => config,
        })
    }

    /// Keeps the app's keys for `args.server` in the keyring; that server becomes current.
    pub async fn setup(&self, args: KeysSetupArgs) -> Result<()> {
        let config = self.config(&args.server)?;
        let sign = args.sign_secret.map(|s| s.into_secret());
        let app = AppKeys::new(args.ask_key.into_secret(), sign);
        let client = PotatoClient::new(config, app.clone())?;
        app.save(client.store()).await?;
        *self.client.lock().await = Some(client);
        Ok(())
    }

    /// The client for `server`, built from the keyring's app keys when first needed.
    pub async fn client(&self, server: &str) -> Result<MappedMutexGuard<'_, PotatoClient>> {
        let config = self.config(server)?;
        let mut slot = self.client.lock().await;
        if slot
            .as_ref()
            .is_none_or(|c| c.config().server != config.server)
        {
            let store = ccp_potato::SecretStore::new(&config.keyring_service, config.use_keyring);
            let app = AppKeys::load(&store).await?.ok_or(Error::KeysNotSetUp)?;
            *slot = Some(PotatoClient::new(config, app)?);
        }
        Ok(MutexGuard::map(slot, |c| c.as_mut().expect("set above")))
    }

    /// The client of the server the user set up; an error the window understands before one is.
    pub async fn current(
        &self,
        server: Option<&str>,
    ) -> Result<MappedMutexGuard<'_, PotatoClient>> {
        self.client(server.ok_or(Error::KeysNotSetUp)?).await
    }

    pub async fn status(&self, server: Option<String>) -> KeysStatus {
        let Some(server) = server else {
            return KeysStatus::default();
        };
        let (configured, signed_in_as) = match self.client(&server).await {
            Ok(client) => (true, client.session().await.ok().flatten()),
            Err(_) => (false, None),
        };
        KeysStatus {
            server: Some(server),
            configured,
            signed_in_as: signed_in_as.map(|s| s.user_number),
        }
    }

    /// This installation's id, to which a verified key binds.
    pub fn device_id(&self) -> Result<String> {
        Ok(ccp_potato::device_id(&self.data_dir)?)
    }
}
