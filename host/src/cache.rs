//! On-disk cache of precompiled components, so that a second start loads
//! native code instead of compiling again.
//!
//! An artifact is keyed by the SHA-256 of the component bytes and by the
//! engine's compatibility hash (wasmtime version, target and settings), so a
//! changed component or engine never loads a stale artifact.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use wasmtime::Engine;
use wasmtime::component::Component;

/// Directory of precompiled artifacts, or none.
#[derive(Debug, Clone)]
pub struct ComponentCache {
    dir: Option<PathBuf>,
}

/// Outcome of loading a component, for logs and benchmarks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheOutcome {
    /// Loaded from a precompiled artifact.
    Hit,
    /// Compiled, and the artifact was written.
    Compiled,
    /// Compiled; caching is off or the artifact could not be written.
    Uncached,
}

impl ComponentCache {
    /// Uses `dir`, or no cache when `None`.
    pub fn new(dir: Option<PathBuf>) -> Self {
        Self { dir }
    }

    /// Returns the default directory: `$LAUNCHER_CACHE_DIR`, else
    /// `$XDG_CACHE_HOME/launcher`, else `~/.cache/launcher`.
    pub fn default_dir() -> Option<PathBuf> {
        if let Some(dir) = std::env::var_os("LAUNCHER_CACHE_DIR") {
            return Some(PathBuf::from(dir));
        }
        if let Some(dir) = std::env::var_os("XDG_CACHE_HOME") {
            return Some(PathBuf::from(dir).join("launcher"));
        }
        std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache").join("launcher"))
    }

    /// Loads `bytes` as a component, from the cache when possible.
    pub fn load(&self, engine: &Engine, bytes: &[u8]) -> anyhow::Result<(Component, CacheOutcome)> {
        let Some(dir) = &self.dir else {
            return Ok((Component::new(engine, bytes)?, CacheOutcome::Uncached));
        };
        let path = dir.join(format!("{}.cwasm", artifact_key(engine, bytes)));

        if path.is_file() {
            // SAFETY: the file was written by `Component::serialize` of an
            // engine with the same compatibility hash, which is part of the
            // file name, in a directory owned by this user. wasmtime also
            // checks the header before use.
            match unsafe { Component::deserialize_file(engine, &path) } {
                Ok(component) => return Ok((component, CacheOutcome::Hit)),
                Err(e) => {
                    tracing::warn!(path = %path.display(), error = %e, "ignoring unusable cached artifact")
                }
            }
        }

        let component = Component::new(engine, bytes)?;
        let outcome = match write_artifact(&path, &component) {
            Ok(()) => CacheOutcome::Compiled,
            Err(e) => {
                tracing::warn!(path = %path.display(), error = %e, "cannot write compiled artifact");
                CacheOutcome::Uncached
            }
        };
        Ok((component, outcome))
    }
}

/// Hex key of the component bytes and the engine's compatibility hash.
fn artifact_key(engine: &Engine, bytes: &[u8]) -> String {
    struct Sha(Sha256);
    impl Hasher for Sha {
        fn finish(&self) -> u64 {
            0
        }
        fn write(&mut self, bytes: &[u8]) {
            self.0.update(bytes);
        }
    }
    let mut sha = Sha(Sha256::new());
    sha.write(bytes);
    engine.precompile_compatibility_hash().hash(&mut sha);
    let digest = sha.0.finalize();
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Writes atomically: a temporary file renamed into place.
fn write_artifact(path: &Path, component: &Component) -> anyhow::Result<()> {
    let Some(dir) = path.parent() else {
        anyhow::bail!("artifact path {} has no directory", path.display());
    };
    std::fs::create_dir_all(dir)?;
    let serialized = component.serialize()?;
    let temporary = path.with_extension(format!("{}.tmp", std::process::id()));
    std::fs::write(&temporary, serialized)?;
    std::fs::rename(&temporary, path)?;
    Ok(())
}
