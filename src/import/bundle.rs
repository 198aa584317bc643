//! Building the bundled library from the raw sources in `assets/sources`,
//! following `bundle.toml` and applying `overrides.toml`.

use super::{ImportOptions, Overrides, SourceFile, import};
use crate::library::Resolution;
use serde::Deserialize;
use std::path::Path;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Recipe {
    import: Vec<Step>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Step {
    files: Vec<String>,
}

/// Why the bundled library could not be built.
#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Toml { path: String, message: String },
    #[error("{0}")]
    Import(#[from] super::ImportError),
}

fn read(path: &Path) -> Result<String, BundleError> {
    std::fs::read_to_string(path).map_err(|source| BundleError::Io {
        path: path.display().to_string(),
        source,
    })
}

fn parse<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T, BundleError> {
    toml::from_str(&read(path)?).map_err(|e| BundleError::Toml {
        path: path.display().to_string(),
        message: e.to_string(),
    })
}

/// Import every step of `sources/bundle.toml`.
pub fn build(sources: &Path) -> Result<Vec<Resolution>, BundleError> {
    let recipe: Recipe = parse(&sources.join("bundle.toml"))?;
    let overrides: Overrides = parse(&sources.join("overrides.toml"))?;
    let mut resolutions = Vec::new();
    for step in recipe.import {
        let mut files = Vec::new();
        for name in &step.files {
            let path = sources.join(name);
            let bytes = std::fs::read(&path).map_err(|source| BundleError::Io {
                path: path.display().to_string(),
                source,
            })?;
            files.push(SourceFile {
                name: name.clone(),
                bytes,
            });
        }
        let options = ImportOptions {
            overrides: overrides.clone(),
            ..ImportOptions::default()
        };
        let mut report = import(&files, &options);
        if let Some(e) = report.errors.pop() {
            return Err(e.into());
        }
        resolutions.extend(report.resolutions);
    }
    Ok(resolutions)
}
