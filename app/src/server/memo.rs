//! Visitors' pages kept as rendered, with what they were rendered from.
//!
//! A visitor's page (no session, no kept form) is the same for every visitor
//! who asks for the same address in the same language: its HTML follows from
//! the data its render read through [`super::for_page`] and nothing else
//! (the nonce aside, which the server's layer writes in afresh). So the
//! server keeps the HTML of its busiest public pages together with those
//! reads ([`Reads`]); for the next visitor it reads the data again, as a
//! render would, and sends the kept HTML only when the data is byte for byte
//! the same. Nothing is shown stale: a hidden post, a new reply or a changed
//! counter makes different data and so a fresh render, on every server
//! behind a load balancer at once. What it saves is the render itself.
use crate::error::AppError;
use serde::Serialize;
use std::sync::{Arc, Mutex};

/// What a render read: each page-data answer (by its type), serialized,
/// in a fixed order whatever order the render read them in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reads {
    reads: Vec<(&'static str, Vec<u8>)>,
    /// An answer could not be written down: these reads match nothing.
    broken: bool,
}

impl Reads {
    pub(crate) fn add<T: Serialize>(&mut self, answer: &Result<T, AppError>) {
        match serde_json::to_vec(answer) {
            Ok(bytes) => {
                self.reads.push((std::any::type_name::<T>(), bytes));
                self.reads.sort();
            }
            Err(_) => self.broken = true,
        }
    }

    /// The reads, if there are any and all were written down.
    pub fn usable(self) -> Option<Reads> {
        (!self.broken && !self.reads.is_empty()).then_some(self)
    }

    /// About the memory they take.
    pub fn bytes(&self) -> usize {
        self.reads.iter().map(|(_, b)| b.len() + 32).sum()
    }
}

/// Left in a visitor's request by the server's layer: the render adds
/// each page-data answer it reads.
#[derive(Clone, Default)]
pub struct Recorder(Arc<Mutex<Reads>>);

impl Recorder {
    /// What the render read.
    pub fn reads(&self) -> Reads {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// Notes `answer` for the request's [`Recorder`], if it has one.
pub(crate) fn record<T: Serialize>(answer: &Result<T, AppError>) {
    let recorder =
        leptos::prelude::use_context::<http::request::Parts>().and_then(|p| p.extensions.get::<Recorder>().cloned());
    if let Some(r) = recorder {
        r.0.lock().unwrap_or_else(|e| e.into_inner()).add(answer);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_compare_whatever_order_they_came_in() {
        let (mut a, mut b) = (Reads::default(), Reads::default());
        a.add::<i64>(&Ok(1));
        a.add::<String>(&Ok("x".into()));
        b.add::<String>(&Ok("x".into()));
        b.add::<i64>(&Ok(1));
        assert_eq!(a, b);
        b.add::<i64>(&Err(AppError::NotFound));
        assert_ne!(a, b);
        assert_eq!(Reads::default().usable(), None);
    }
}
