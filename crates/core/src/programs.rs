//! The programs the packages install with the app — the browser companion's host, and the
//! demo's server — found from the running binary (the app's or `ccp`'s): beside it (a build's
//! target directory, the Windows install directory, the macOS bundle's `MacOS/`), else where
//! the Linux packages put them, `lib/comecomepay-desktop/` next to the binary's `bin/`
//! (`/usr/bin/ccp` → `/usr/lib/comecomepay-desktop/ccp-browser-host`).

use std::path::{Path, PathBuf};

/// The browser companion's native-messaging host.
pub const BROWSER_HOST: &str = "ccp-browser-host";
/// The sandbox server, which the app starts for its demo.
pub const SANDBOX: &str = "ccp-sandbox";

/// The Linux packages' directory for programs that are not commands, under `lib/`.
const PACKAGE_LIB_DIR: &str = "comecomepay-desktop";

/// Where `name` is for the binary `exe`: the first of the places above that has it, else the
/// one beside `exe` (so that an error names a place to put it).
pub fn find(exe: &Path, name: &str) -> PathBuf {
    let file = format!("{name}{}", std::env::consts::EXE_SUFFIX);
    let bin = exe.parent().unwrap_or(Path::new("."));
    let beside = bin.join(&file);
    let packaged = bin
        .parent()
        .map(|prefix| prefix.join("lib").join(PACKAGE_LIB_DIR).join(&file));
    std::iter::once(beside.clone())
        .chain(packaged)
        .find(|path| path.is_file())
        .unwrap_or(beside)
}

/// [`find`] for the running binary.
pub fn find_for_this(name: &str) -> PathBuf {
    match std::env::current_exe() {
        Ok(exe) => find(&exe, name),
        Err(_) => PathBuf::from(format!("{name}{}", std::env::consts::EXE_SUFFIX)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(path: &Path) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, b"").unwrap();
    }

    fn exe(dir: &Path, name: &str) -> PathBuf {
        dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX))
    }

    /// As the .deb and .rpm lay it out: commands in usr/bin, the host in usr/lib/….
    #[test]
    fn a_packaged_host_is_found_from_the_bin_directory() {
        let root = tempfile::tempdir().unwrap();
        let ccp = exe(&root.path().join("usr/bin"), "ccp");
        let host = exe(
            &root.path().join("usr/lib/comecomepay-desktop"),
            BROWSER_HOST,
        );
        touch(&ccp);
        touch(&host);
        assert_eq!(find(&ccp, BROWSER_HOST), host);
    }

    /// A build's target directory, the Windows install directory, the macOS bundle: beside
    /// the binary, which wins over a packaged copy.
    #[test]
    fn a_program_beside_the_binary_comes_first() {
        let root = tempfile::tempdir().unwrap();
        let app = exe(&root.path().join("bin"), "comecomepay-desktop");
        let beside = exe(&root.path().join("bin"), SANDBOX);
        touch(&app);
        touch(&beside);
        touch(&exe(&root.path().join("lib/comecomepay-desktop"), SANDBOX));
        assert_eq!(find(&app, SANDBOX), beside);
    }

    #[test]
    fn a_missing_program_is_named_beside_the_binary() {
        let root = tempfile::tempdir().unwrap();
        let app = exe(root.path(), "comecomepay-desktop");
        assert_eq!(find(&app, SANDBOX), exe(root.path(), SANDBOX));
    }
}
