//! SKM ratings of the service a complaint or a proposal got.
use crate::db::ratings::{self, NewRating};
use crate::db::Db;
use crate::domain::complaint::{officer_of, Access};
use crate::domain::ids::UserId;
use crate::domain::service::ServiceItem;
use crate::domain::skm;
use crate::error::{AppError, AppResult, FieldProblem, Refusal};
use crate::model::{Me, RatingState};
use crate::server::dashboard::{self, Rated};

/// One SKM rating by `me` of a resolved complaint they filed, or of a
/// proposal with its final answer that they wrote or supported.
pub async fn rate(db: &Db, me: &Me, item: ServiceItem, scores: skm::Scores, comment: &str, at: i64) -> AppResult<()> {
    if !skm::valid(&scores) {
        return Err(AppError::field("u1", FieldProblem::Invalid));
    }
    // Reads first, outside the transaction, which then writes first.
    let r = ratings::rateable(db, item).await?.ok_or(AppError::NotFound)?;
    let mine = r.author_id.0 == me.id;
    let entitled = match item {
        ServiceItem::Complaint(_) => {
            let rules = Access {
                author: r.author_id,
                agency: r.agency_id,
                private: r.private == 1,
            };
            if !rules.visible_to(Some(me)) {
                return Err(AppError::NotFound);
            }
            mine
        }
        ServiceItem::Proposal(p) => mine || ratings::is_supporter(db, p, UserId(me.id)).await?,
        ServiceItem::Usulan(u) => mine || ratings::chose(db, u, UserId(me.id)).await?,
    };
    if officer_of(me, r.agency_id) {
        return Err(AppError::Refused {
            reason: Refusal::OwnAgency,
        });
    }
    if !entitled {
        return Err(AppError::Forbidden);
    }
    if !item.rateable(&r.state) || r.agency_id.is_none() {
        return Err(AppError::Refused {
            reason: Refusal::NotRateable,
        });
    }
    let mut tx = db.pool.begin().await?;
    let rating = NewRating {
        item,
        rater: UserId(me.id),
        agency: r.agency_id,
        area: r.area_id,
        scores,
        comment,
        created_at: at,
    };
    if !ratings::insert(&mut tx, &rating).await? {
        return Err(AppError::Refused {
            reason: Refusal::AlreadyRated,
        });
    }
    if let ServiceItem::Usulan(u) = item {
        let sum = scores.iter().map(|s| i64::from(*s)).sum();
        ratings::count_usulan(&mut tx, u, sum).await?;
    }
    let month = dashboard::month_of(at, &r.timezone);
    dashboard::rated(
        &mut tx,
        &Rated {
            item,
            agency: r.agency_id,
            area_path: &r.area_path,
            month: &month,
            scores: &scores,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Whether `me` may rate the item (`entitled`: theirs to rate), or already
/// did.
pub async fn rating_state(db: &Db, me: Option<&Me>, item: ServiceItem, entitled: bool) -> AppResult<RatingState> {
    let Some(me) = me else {
        return Ok(RatingState::None);
    };
    if !entitled {
        return Ok(RatingState::None);
    }
    Ok(if ratings::rated_by(db, item, UserId(me.id)).await? {
        RatingState::Done
    } else {
        RatingState::Open
    })
}
