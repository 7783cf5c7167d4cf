//! Dynamic SQL for either backend, every value bound.
//!
//! `sqlx::QueryBuilder<Any>` cannot be used as it is: `push_bind` writes the
//! placeholder its arguments type asks for, and `AnyArguments` keeps the
//! default `?` (sqlx-core 0.8.6, `Arguments::format_placeholder`), which
//! PostgreSQL does not read. [`Numbered`] writes `$1, $2…` instead (as
//! `QueryBuilder<Postgres>` does; SQLite reads them too), numbering each
//! placeholder at the moment its value is added, so the text and the values
//! cannot drift apart; [`Numbered::build`] hands both to a
//! `QueryBuilder<Any>`.
use sqlx::any::AnyArguments;
use sqlx::{Any, Arguments, Encode, QueryBuilder, Type};
use std::fmt::{Display, Write};

pub struct Numbered<'a> {
    sql: String,
    args: AnyArguments<'a>,
}

impl<'a> Numbered<'a> {
    pub fn new(init: impl Into<String>) -> Self {
        Numbered {
            sql: init.into(),
            args: AnyArguments::default(),
        }
    }

    /// SQL text (never a value: values go through [`Numbered::push_bind`]).
    pub fn push(&mut self, sql: impl Display) -> &mut Self {
        // Writing to a String cannot fail.
        let _ = write!(self.sql, "{sql}");
        self
    }

    /// A placeholder `$n` for `value`.
    pub fn push_bind<T>(&mut self, value: T) -> &mut Self
    where
        T: 'a + Encode<'a, Any> + Type<Any>,
    {
        // As QueryBuilder::push_bind does: encoding into AnyArguments fails
        // only for a value Any cannot carry, a bug in the caller.
        self.args.add(value).expect("a value the Any driver can carry");
        let n = self.args.len();
        self.push(format_args!("${n}"))
    }

    /// `$n, $n+1, …` for each value (an `IN (…)` list; empty for none).
    pub fn push_bind_list<T, I>(&mut self, values: I) -> &mut Self
    where
        T: 'a + Encode<'a, Any> + Type<Any>,
        I: IntoIterator<Item = T>,
    {
        for (i, v) in values.into_iter().enumerate() {
            if i > 0 {
                self.push(", ");
            }
            self.push_bind(v);
        }
        self
    }

    pub fn sql(&self) -> &str {
        &self.sql
    }

    pub fn build(self) -> QueryBuilder<'a, Any> {
        QueryBuilder::with_arguments(self.sql, self.args)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_as_values_are_added() {
        let mut q = Numbered::new("SELECT 1 FROM t WHERE a = ");
        q.push_bind(3_i64)
            .push(" AND b IN (")
            .push_bind_list(["x", "y"])
            .push(")");
        assert_eq!(q.sql(), "SELECT 1 FROM t WHERE a = $1 AND b IN ($2, $3)");
        assert_eq!(q.args.len(), 3);
    }

    #[test]
    fn stock_query_builder_writes_question_marks_for_any() {
        // Why this module exists: if sqlx ever numbers Any's placeholders,
        // QueryBuilder<Any> can replace it.
        let mut q = QueryBuilder::<Any>::new("SELECT ");
        q.push_bind(1_i64);
        assert_eq!(q.sql(), "SELECT ?");
    }
}
