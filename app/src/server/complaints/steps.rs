//! Official steps on a complaint: verify, follow up, resolve, close, reject
//! or forward it to another agency.
use super::{access, content};
use crate::db::complaint_steps::{self, NewStep};
use crate::db::complaints::{self as db_complaints, Head, StepUpdate};
use crate::db::notify::{Alert, Subject};
use crate::db::{responsibilities, Db};
use crate::domain::complaint::{step_to, Event};
use crate::domain::ids::{AgencyId, AreaId, ComplaintId, UserId};
use crate::domain::service::ServiceItem;
use crate::error::{AppError, AppResult, FieldProblem, Refusal};
use crate::model::Me;
use crate::server::record::{self, Actor};
use crate::server::{dashboard, forums, notify, AppState};

/// A step as it is written: by whom, from which agency, to which state.
struct Written<'a> {
    by: UserId,
    /// The agency the complaint was with when the step was taken.
    from_agency: Option<AgencyId>,
    event: Event,
    to: crate::domain::complaint::State,
    text: &'a str,
    html: &'a str,
    to_agency: Option<AgencyId>,
    /// Who the record names (None: nobody).
    actor: Option<Actor>,
    at: i64,
}

/// Writes a step of complaint `h` (as it stands after the step): its record
/// entry (with the text unless the complaint is private), its row, and the
/// complaint's new state. Returns the record seq.
async fn write(tx: &mut sqlx::AnyConnection, h: &Head, w: &Written<'_>) -> AppResult<i64> {
    let private = h.private != 0;
    let seq = record::append(tx, &h.area_path, |seq| {
        let mut c = content(h, seq, w.at, w.event.code(), w.to, w.actor.clone());
        if !private {
            c.text = Some(w.text.to_owned());
        }
        c
    })
    .await?;
    complaint_steps::insert(
        tx,
        &NewStep {
            complaint: h.id,
            officer: w.by,
            agency: w.from_agency,
            event: w.event,
            state_to: w.to,
            body_src: w.text,
            body_html: w.html,
            to_agency: w.to_agency,
            created_at: w.at,
            record_seq: seq,
        },
    )
    .await?;
    db_complaints::apply_step(
        tx,
        &StepUpdate {
            id: h.id,
            to: w.to,
            agency: h.agency_id,
            event: w.event.code(),
            responds: w.event.responds(),
            at: w.at,
        },
    )
    .await?;
    Ok(seq)
}

/// An official step by an officer of the complaint's agency (or an admin):
/// `text` is the official response (for a rejection or forward, the
/// reason); `to_agency` where it is forwarded. Returns its record seq.
pub async fn step(
    st: &AppState,
    me: &Me,
    id: ComplaintId,
    event: Event,
    text: &str,
    to_agency: Option<AgencyId>,
    at: i64,
) -> AppResult<i64> {
    let db = &st.db;
    let html = forums::render("body", text)?;
    let mut tx = db.pool.begin().await?;
    // Write first: lock the complaint's row for the whole step.
    if !db_complaints::touch(&mut tx, id, at).await? {
        return Err(AppError::NotFound);
    }
    let mut h = db_complaints::head(&mut tx, id).await?;
    let rules = access(&h);
    if !rules.visible_to(Some(me)) {
        return Err(AppError::NotFound);
    }
    let Some(acting) = rules.acting(me) else {
        return Err(AppError::Forbidden);
    };
    let Some(to) = crate::domain::complaint::State::parse(&h.state).and_then(|s| step_to(s, event)) else {
        return Err(AppError::Refused {
            reason: Refusal::ComplaintStep,
        });
    };
    let forwarded = match (event, to_agency) {
        (Event::Forwarded, Some(g)) if Some(g) != h.agency_id => {
            let name = responsibilities::agency_name(&mut tx, g)
                .await?
                .ok_or_else(|| AppError::field("to_agency", FieldProblem::Unknown))?;
            // Only to an agency that serves the complaint's area (or an area
            // above it): anything else would hand a resident's complaint,
            // private ones too, to an office with no business reading it.
            let path_areas: Vec<AreaId> = forums::path_ids(&h.area_path).into_iter().map(AreaId).collect();
            if !responsibilities::serves_any(&mut tx, g, &path_areas).await? {
                return Err(AppError::Refused {
                    reason: Refusal::AgencyOutsideArea,
                });
            }
            Some((g, name))
        }
        (Event::Forwarded, None) => return Err(AppError::field("to_agency", FieldProblem::Required)),
        (Event::Forwarded, _) => return Err(AppError::field("to_agency", FieldProblem::Invalid)),
        _ => None,
    };
    let from_agency = h.agency_id;
    if let Some((g, name)) = &forwarded {
        h.agency_id = Some(*g);
        h.agency_name = Some(name.clone());
    }
    let actor = Actor {
        username: me.username.clone(),
        name: me.display_name.clone(),
        role: acting.code().into(),
    };
    let seq = write(
        &mut tx,
        &h,
        &Written {
            by: UserId(me.id),
            from_agency,
            event,
            to,
            text,
            html: &html,
            to_agency: forwarded.as_ref().map(|f| f.0),
            actor: Some(actor),
            at,
        },
    )
    .await?;
    // Forwarding is not a response to the resident: the clock runs on.
    let responds = event.responds();
    let item = ServiceItem::Complaint(id);
    if let Some((g, _)) = forwarded {
        dashboard::forward(&mut tx, item, g).await?;
        let alert = Alert {
            agency: Some(g),
            kind: "desk_new",
            subject: Subject::Complaint(id),
            seq: Some(seq),
            actor: Some(UserId(me.id)),
            at,
        };
        notify::alert(&mut tx, &st.config, &alert).await?;
    }
    if responds {
        dashboard::answered(&mut tx, item, UserId(me.id), at).await?;
    }
    if h.author_id.0 != me.id {
        db_complaints::notify_complainant(&mut tx, h.author_id, id, seq, UserId(me.id), at).await?;
    }
    tx.commit().await?;
    Ok(seq)
}

/// The complainant says a resolved complaint is not fixed ("Belum
/// selesai"): it goes back to its agency, in progress, with `text` (what is
/// still wrong) as a step; the dashboard counts it. Returns its record seq.
/// Neither the record nor the step names an anonymous complainant, nor the
/// complainant of a private complaint.
pub async fn reopen(db: &Db, me: &Me, id: ComplaintId, text: &str, at: i64) -> AppResult<i64> {
    let html = forums::render("body", text)?;
    let mut tx = db.pool.begin().await?;
    // Write first: lock the complaint's row for the whole step.
    if !db_complaints::touch(&mut tx, id, at).await? {
        return Err(AppError::NotFound);
    }
    let h = db_complaints::head(&mut tx, id).await?;
    let rules = access(&h);
    if !rules.visible_to(Some(me)) {
        return Err(AppError::NotFound);
    }
    if !rules.is_author(Some(me)) {
        return Err(AppError::Forbidden);
    }
    let event = Event::Reopened;
    let Some(to) = crate::domain::complaint::State::parse(&h.state).and_then(|s| step_to(s, event)) else {
        return Err(AppError::Refused {
            reason: Refusal::ComplaintStep,
        });
    };
    let (anonymous, private) = db_complaints::secrecy(&mut tx, id).await?;
    let actor = (!anonymous && !private).then(|| Actor {
        username: me.username.clone(),
        name: me.display_name.clone(),
        role: "resident".into(),
    });
    let seq = write(
        &mut tx,
        &h,
        &Written {
            by: UserId(me.id),
            from_agency: h.agency_id,
            event,
            to,
            text,
            html: &html,
            to_agency: None,
            actor,
            at,
        },
    )
    .await?;
    dashboard::reopened(&mut tx, ServiceItem::Complaint(id)).await?;
    tx.commit().await?;
    Ok(seq)
}
