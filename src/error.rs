//! The library's error type. Every variant names the file (and line where known) and says what to do.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}:{line}: {message}")]
    Input {
        file: String,
        line: usize,
        message: String,
    },
    #[error("{file}: {message}")]
    Config { file: String, message: String },
    #[error(
        "duplicate slug `{slug}`: {first} and {second} would both be written to the same page; rename one file or set a different `slug` in its front matter"
    )]
    DuplicateSlug {
        slug: String,
        first: String,
        second: String,
    },
    /// A Tera error; the message already names the template, line and column.
    #[error("template error in templates/{template}:\n{message}")]
    Template { template: String, message: String },
    #[error("{0}")]
    Output(String),
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
