//! Dynamic SQL for either backend, every value bound. sqlx's
//! `QueryBuilder<Any>` writes `?` for each bound value whatever the backend
//! (sqlx issue #3000), which PostgreSQL rejects; this builder has the same
//! shape (`push`, `push_bind`) and writes `$1, $2…` as it binds, which both
//! SQLite and PostgreSQL accept. Nothing is rewritten after the fact.
use sqlx::any::{AnyArguments, AnyRow};
use sqlx::error::BoxDynError;
use sqlx::{Any, Arguments, Encode, Executor, FromRow, Type};
use std::fmt::{Display, Write};

pub struct Builder<'args> {
    sql: String,
    args: AnyArguments<'args>,
    /// The first value that could not be encoded (reported when run).
    error: Option<BoxDynError>,
}

impl<'args> Builder<'args> {
    pub fn new(init: impl Into<String>) -> Self {
        Builder {
            sql: init.into(),
            args: AnyArguments::default(),
            error: None,
        }
    }

    /// Appends SQL text (never a value: those go through [`Self::push_bind`]).
    pub fn push(&mut self, sql: impl Display) -> &mut Self {
        let _ = write!(self.sql, "{sql}");
        self
    }

    /// Binds `value` and appends its placeholder.
    pub fn push_bind<T>(&mut self, value: T) -> &mut Self
    where
        T: 'args + Encode<'args, Any> + Type<Any>,
    {
        if let Err(e) = self.args.add(value) {
            self.error.get_or_insert(e);
        }
        let _ = write!(self.sql, "${}", self.args.len());
        self
    }

    /// Binds each of `values`, their placeholders separated by `, ` (the
    /// inside of an `IN (…)`).
    pub fn push_bind_list<T, I>(&mut self, values: I) -> &mut Self
    where
        I: IntoIterator<Item = T>,
        T: 'args + Encode<'args, Any> + Type<Any>,
    {
        for (i, v) in values.into_iter().enumerate() {
            if i > 0 {
                self.sql.push_str(", ");
            }
            self.push_bind(v);
        }
        self
    }

    /// The SQL text so far.
    pub fn sql(&self) -> &str {
        &self.sql
    }

    fn parts(self) -> Result<(String, AnyArguments<'args>), sqlx::Error> {
        match self.error {
            Some(e) => Err(sqlx::Error::Encode(e)),
            None => Ok((self.sql, self.args)),
        }
    }

    pub async fn fetch_all<'c, T, E>(self, executor: E) -> Result<Vec<T>, sqlx::Error>
    where
        E: Executor<'c, Database = Any>,
        T: for<'r> FromRow<'r, AnyRow> + Send + Unpin,
    {
        let (sql, args) = self.parts()?;
        sqlx::query_as_with::<Any, T, _>(&sql, args).fetch_all(executor).await
    }

    pub async fn fetch_optional_scalar<'c, T, E>(self, executor: E) -> Result<Option<T>, sqlx::Error>
    where
        E: Executor<'c, Database = Any>,
        (T,): for<'r> FromRow<'r, AnyRow>,
        T: Send + Unpin,
    {
        let (sql, args) = self.parts()?;
        sqlx::query_scalar_with::<Any, T, _>(&sql, args)
            .fetch_optional(executor)
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_as_values_are_bound() {
        let mut q = Builder::new("SELECT id FROM t WHERE a = ");
        q.push_bind(1_i64)
            .push(" AND b IN (")
            .push_bind_list(["x", "y"])
            .push(") LIMIT ");
        q.push_bind(5_i64);
        assert_eq!(q.sql(), "SELECT id FROM t WHERE a = $1 AND b IN ($2, $3) LIMIT $4");
        let mut empty = Builder::new("x IN (");
        empty.push_bind_list(Vec::<i64>::new()).push(")");
        assert_eq!(empty.sql(), "x IN ()");
    }
}
