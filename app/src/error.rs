//! The one error type that crosses the wire. Codes are stable snake_case and the
//! browser translates them; nothing here ever carries SQL or internal detail.
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};
use std::fmt;

/// What is wrong with one form field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum FieldProblem {
    Required,
    /// A choice (radio buttons, a list) left unmade.
    Choose,
    TooShort {
        min: u32,
    },
    TooLong {
        max: u32,
    },
    UsernameChars,
    Taken,
    Mismatch,
    WrongPassword,
    Unknown,
    /// A date that cannot be read (not year-month-day, or no such day).
    Date,
    /// A date after today where only past days make sense.
    FutureDate,
    /// A home area above the villages (a city, a province).
    NotVillage,
    /// Not a kota or kabupaten where one is needed (a planner's area, a
    /// Musrenbang cycle's).
    NotCity,
    /// An area that is no longer on the official list.
    Inactive,
    Invalid,
    /// Not an email address.
    Email,
    /// Markdown with more links than a post may hold.
    TooManyLinks {
        max: u32,
    },
    /// A rupiah amount that cannot be read for sure (`domain::rupiah`).
    Amount {
        amount: AmountProblem,
    },
    /// A line of pasted CSV (counting from 1, the header being line 1).
    Line {
        line: u32,
        why: LineProblem,
    },
    /// An agency that is retired (or still answers for something, when
    /// retiring it).
    Retired,
    StillResponsible {
        count: u32,
    },
    /// Photo `n` (counting from 1, in the order chosen) cannot be taken.
    Photo {
        n: u32,
        why: PhotoProblem,
    },
    TooManyPhotos {
        max: u32,
    },
    /// A latitude or longitude that is not a decimal number of degrees (or
    /// one given without the other).
    Coordinates,
    /// A point outside Indonesia's bounds.
    OutsideIndonesia,
    /// An usulan costing more than its area's ceiling (rupiah).
    AboveCeiling {
        ceiling: i64,
    },
}

/// Why an uploaded photo is refused (`server::photos`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PhotoProblem {
    /// Not a JPEG, PNG or WebP image, whatever its name says.
    NotImage,
    /// Cut short or damaged: it does not decode.
    Broken,
    /// Larger than the upload limit (in MB).
    TooLarge {
        mb: u32,
    },
    /// More pixels than the limit (in megapixels), refused before decoding.
    TooManyPixels {
        megapixels: u32,
    },
    Animated,
}

/// What is wrong with a line of an agencies import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineProblem {
    Header,
    Columns,
    EmptyName,
    TooLong,
    Duplicate,
    UnknownCategory,
    /// An agency of this name exists and is retired.
    Retired,
}

/// Why a typed rupiah amount was refused; each message shows a correct form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AmountProblem {
    /// Not an amount at all (letters, spaces inside, misplaced dots).
    Format,
    /// Could be read two ways (`1.5`, `45,000`, `1,500,000.00`).
    Ambiguous,
    /// A fraction of a rupiah (`45.000,5`).
    Fraction,
    Negative,
    /// Over `domain::rupiah::MAX_RUPIAH`.
    TooLarge,
}

/// Why an action on a proposal was refused although the form was valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    AlreadySupported,
    NotSupported,
    /// Supports are taken only while a proposal is published or under review.
    ClosedForSupport,
    /// Only residents of the proposal's area (or below it) may support it.
    OutsideArea,
    /// That lifecycle step does not follow from the current state.
    WrongStep,
    /// That step does not follow from the complaint's current state.
    ComplaintStep,
    /// A complaint is forwarded only to an agency that serves its area.
    AgencyOutsideArea,
    /// One SKM rating per person and item.
    AlreadyRated,
    /// Rated only once resolved (complaints) or finally answered (proposals).
    NotRateable,
    /// Officers do not rate their own agency.
    OwnAgency,
    /// The thread is locked: no new replies.
    Locked,
    /// One flag per person and item.
    AlreadyFlagged,
    /// The same text was just posted.
    Duplicate,
    /// The item was deleted by its author.
    Deleted,
    /// Official responses stay visible (they can be redacted, not hidden).
    OfficialResponse,
    /// The item is already in the state that action would put it in.
    NoChange,
    /// One appeal per action.
    AlreadyAppealed,
    /// That action cannot be appealed (or there is no open appeal to decide).
    NotAppealable,
    /// A proposal cannot be merged into itself, a merged one, or one whose
    /// area does not cover it.
    CannotMerge,
    /// Only official responses and steps are corrected, never other entries.
    NotCorrectable,
    /// A link sent by email that was used already, has expired or never was.
    LinkExpired,
    /// A link sent by email to another account than the one signed in.
    OtherAccount,
    /// An address already confirmed by another account.
    EmailTaken,
    /// A link that is not one we made (changed, or cut short when copied).
    BadLink,
    /// Musrenbang: not the window for that (submission or voting).
    PlanClosed,
    /// Musrenbang: only residents of the area take part there.
    PlanOutsideArea,
    /// Musrenbang: a person puts forward at most five usulan per tier.
    TooManyUsulan,
    /// Musrenbang: the ballot would cost more than the area's ceiling.
    OverCeiling,
    /// Musrenbang: a person votes in one area per tier.
    VotedElsewhere,
    /// Musrenbang: an usulan verified as not feasible takes no votes.
    NotFeasible,
    /// Musrenbang: results are confirmed once the ballots are counted.
    NotCounted,
    /// Musrenbang: a confirmed result does not change.
    AlreadyConfirmed,
    /// Musrenbang: an usulan that does not stand in that area at that tier.
    NotInTier,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum AppError {
    /// A form field failed validation; `field` is the input's `name`.
    Field {
        field: String,
        #[serde(flatten)]
        problem: FieldProblem,
    },
    /// Several form fields failed validation: every one is listed at once.
    Fields {
        errors: Vec<FieldError>,
    },
    WrongCredentials,
    Throttled {
        minutes: u32,
    },
    NotSignedIn,
    Forbidden,
    NotFound,
    /// The request could not be understood (missing or malformed fields).
    BadRequest,
    Refused {
        reason: Refusal,
    },
    Internal,
    /// The account may read but not write: until when (text in the person's
    /// language and zone; None for a ban) and why.
    Suspended {
        until: Option<String>,
        reason: String,
    },
    /// Too many writes of this kind: try again in this many seconds.
    RateLimited {
        seconds: u32,
    },
    /// Not a failure: the form asked for a preview, so nothing was written
    /// and this carries the sanitized HTML. It travels the error path so a
    /// no-JS form comes back with its fields kept and the preview shown.
    Preview {
        html: String,
    },
    /// Not a failure either: what was sent cannot be undone once written (an
    /// official response), so nothing is written until the person has seen
    /// it exactly as it will be published (`html`) and sent the same form
    /// again with `confirm` = `token`, which changes with any edit.
    Confirm {
        html: String,
        token: String,
    },
    /// Not a failure either: a reply template was put into the text being
    /// written (below what was typed); the form comes back with `body`.
    Template {
        body: String,
    },
    /// Not a failure either: an amount was read, and nothing is written
    /// until the person has seen it as understood (figures and words) and
    /// sent the form again with `{field}_confirmed` = `amount`.
    ConfirmAmount {
        field: String,
        amount: i64,
    },
}

pub type AppResult<T> = Result<T, AppError>;

/// One field's problem, in a list of them (`AppError::Fields`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    #[serde(flatten)]
    pub problem: FieldProblem,
}

/// Every field problem of one form, gathered so the person sees them all at
/// once instead of one per try.
#[derive(Debug, Default)]
pub struct Problems(Vec<FieldError>);

impl Problems {
    /// `r`'s value, or None when it failed on a field (the problem is kept);
    /// any other error is returned at once.
    pub fn check<T>(&mut self, r: AppResult<T>) -> AppResult<Option<T>> {
        match r {
            Ok(v) => Ok(Some(v)),
            Err(AppError::Field { field, problem }) => {
                self.add(&field, problem);
                Ok(None)
            }
            Err(AppError::Fields { errors }) => {
                for e in errors {
                    self.add(&e.field, e.problem);
                }
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    /// As `check`, with a placeholder in place of a failed value (never
    /// used: `done` then fails).
    pub fn take<T: Default>(&mut self, r: AppResult<T>) -> AppResult<T> {
        Ok(self.check(r)?.unwrap_or_default())
    }

    /// Keeps a problem (only the first for each field).
    pub fn add(&mut self, field: &str, problem: FieldProblem) {
        if !self.has(field) {
            self.0.push(FieldError {
                field: field.to_owned(),
                problem,
            });
        }
    }

    /// `add`, returning a placeholder for the failed value, as `take` does.
    pub fn failed<T: Default>(&mut self, field: &str, problem: FieldProblem) -> T {
        self.add(field, problem);
        T::default()
    }

    pub fn has(&self, field: &str) -> bool {
        self.0.iter().any(|e| e.field == field)
    }

    /// Fails with every problem kept, if there is any.
    pub fn done(mut self) -> AppResult<()> {
        match self.0.len() {
            0 => Ok(()),
            1 => {
                let FieldError { field, problem } = self.0.remove(0);
                Err(AppError::Field { field, problem })
            }
            _ => Err(AppError::Fields { errors: self.0 }),
        }
    }
}

impl AppError {
    pub fn field(field: &str, problem: FieldProblem) -> Self {
        AppError::Field {
            field: field.to_owned(),
            problem,
        }
    }

    /// The HTTP status that goes with this error.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Field { .. }
            | AppError::Fields { .. }
            | AppError::Preview { .. }
            | AppError::Confirm { .. }
            | AppError::Template { .. }
            | AppError::ConfirmAmount { .. } => 422,
            AppError::BadRequest => 400,
            AppError::WrongCredentials | AppError::NotSignedIn => 401,
            AppError::Forbidden | AppError::Suspended { .. } => 403,
            AppError::NotFound => 404,
            AppError::Throttled { .. } | AppError::RateLimited { .. } => 429,
            AppError::Refused { .. } => 409,
            AppError::Internal => 500,
        }
    }

    /// The form field this error belongs to, if any (the first, for several).
    pub fn field_name(&self) -> Option<&str> {
        match self {
            AppError::Field { field, .. } => Some(field),
            AppError::Fields { errors } => errors.first().map(|e| e.field.as_str()),
            _ => None,
        }
    }

    /// This error's problem with field `name`, as a one-field error.
    pub fn for_field(&self, name: &str) -> Option<AppError> {
        self.field_errors()
            .into_iter()
            .find(|e| e.field == name)
            .map(|e| AppError::Field {
                field: e.field,
                problem: e.problem,
            })
    }

    /// Every field problem this error carries, in the form's order.
    pub fn field_errors(&self) -> Vec<FieldError> {
        match self {
            AppError::Field { field, problem } => vec![FieldError {
                field: field.clone(),
                problem: *problem,
            }],
            AppError::Fields { errors } => errors.clone(),
            _ => Vec::new(),
        }
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Display is for logs; people see `i18n::error_message`.
        write!(f, "{self:?}")
    }
}

impl std::error::Error for AppError {}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        #[cfg(feature = "ssr")]
        tracing::debug!(error = %value, "server function request rejected");
        match value {
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::Deserialization(_) => AppError::BadRequest,
            _ => AppError::Internal,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        tracing::error!(error = %e, "database error");
        AppError::Internal
    }
}
