//! Forms that carry photos, and the photos themselves.
//!
//! A form with a file field is sent as `multipart/form-data`. This layer
//! reads such a post (only to the server functions that take photos, see
//! [`app::api::photo_forms`]): the files of its `photos` field become the
//! request's [`Uploads`], the other fields an ordinary urlencoded body, so
//! the server function, the no-JavaScript error fallback and its kept fields
//! work as for any form.
use crate::layers::plain_page;
use app::server::photos::{self, Upload, Uploads, MAX_BYTES, MAX_PHOTOS};
use app::server::{AppState, RequestCtx};
use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// The largest form with photos: four photos of the largest size, and the
/// rest of the form.
pub const PHOTO_BODY_LIMIT: usize = MAX_PHOTOS * MAX_BYTES + crate::BODY_LIMIT;
/// Files kept of a form beyond what it may carry, so "too many photos" can
/// be said; more are read and dropped.
const FILES_KEPT: usize = MAX_PHOTOS + 1;

fn is_multipart(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("multipart/form-data"))
}

fn takes_photos(req: &Request) -> bool {
    req.method() == Method::POST && app::api::photo_forms().contains(&req.uri().path())
}

fn too_large(headers: &HeaderMap) -> Response {
    plain_page(
        StatusCode::PAYLOAD_TOO_LARGE,
        headers,
        "Kiriman ini terlalu besar. Kirim paling banyak 4 foto, masing-masing sampai 12 MB, lalu coba lagi.",
        "This form is too large. Send at most 4 photos of up to 12 MB each, then try again.",
    )
}

/// Every request body is bounded: a form with photos by
/// [`PHOTO_BODY_LIMIT`], any other by [`crate::BODY_LIMIT`].
pub async fn body_limit(req: Request, next: Next) -> Response {
    let limit = if takes_photos(&req) && is_multipart(req.headers()) {
        PHOTO_BODY_LIMIT
    } else {
        crate::BODY_LIMIT
    };
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return too_large(req.headers());
    }
    let req = req.map(|b| Body::new(http_body_util::Limited::new(b, limit)));
    next.run(req).await
}

/// Forms read at once: each may hold up to [`PHOTO_BODY_LIMIT`] in memory.
fn reading() -> &'static tokio::sync::Semaphore {
    static SLOTS: std::sync::LazyLock<tokio::sync::Semaphore> =
        std::sync::LazyLock::new(|| tokio::sync::Semaphore::new(8));
    &SLOTS
}

/// Turns a multipart form for a server function that takes photos into an
/// urlencoded one with [`Uploads`]; refuses multipart anywhere else.
pub async fn uploads(req: Request, next: Next) -> Response {
    if !is_multipart(req.headers()) {
        return next.run(req).await;
    }
    if !takes_photos(&req) {
        return StatusCode::UNSUPPORTED_MEDIA_TYPE.into_response();
    }
    let Ok(_slot) = reading().acquire().await else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    let (mut parts, body) = req.into_parts();
    let boundary = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| multer::parse_boundary(v).ok());
    let Some(boundary) = boundary else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    let mut form = multer::Multipart::new(body.into_data_stream(), boundary);
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut text_bytes = 0usize;
    let mut files: Vec<Upload> = Vec::new();
    loop {
        let mut field = match form.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => return refused(&parts.headers, e),
        };
        let name = field.name().unwrap_or("").to_owned();
        if name == "photos" {
            // A file field left empty still sends a part, with no name.
            let chosen = field.file_name().is_some_and(|n| !n.is_empty());
            let mut file = Upload {
                bytes: Vec::new(),
                too_large: false,
            };
            loop {
                match field.chunk().await {
                    Ok(Some(chunk)) => {
                        if file.bytes.len() + chunk.len() > MAX_BYTES {
                            file.too_large = true;
                            file.bytes = Vec::new();
                        } else if !file.too_large && files.len() < FILES_KEPT {
                            file.bytes.extend_from_slice(&chunk);
                        }
                    }
                    Ok(None) => break,
                    Err(e) => return refused(&parts.headers, e),
                }
            }
            if chosen && (file.too_large || !file.bytes.is_empty()) {
                files.push(file);
            }
            continue;
        }
        let value = match field.text().await {
            Ok(v) => v,
            Err(e) => return refused(&parts.headers, e),
        };
        text_bytes += name.len() + value.len();
        if text_bytes > crate::BODY_LIMIT {
            return too_large(&parts.headers);
        }
        fields.push((name, value));
    }
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish();
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/x-www-form-urlencoded"),
    );
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.extensions.insert(Uploads(Arc::new(files)));
    let script = parts.headers.contains_key("x-rembuk-upload");
    let res = next.run(Request::from_parts(parts, Body::from(body))).await;
    if script {
        where_next(res)
    } else {
        res
    }
}

/// The page's script sent the form (`X-Rembuk-Upload`): a redirect becomes
/// `200` naming the next page in `X-Location`, which the script opens. A
/// browser's request would follow the redirect itself, and the page a
/// failed form goes back to would then have shown its error to the script
/// rather than to the person.
fn where_next(res: Response) -> Response {
    if !res.status().is_redirection() {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    if let Some(to) = parts.headers.remove(header::LOCATION) {
        parts.headers.insert("x-location", to);
        parts.status = StatusCode::OK;
    }
    Response::from_parts(parts, body)
}

fn refused(headers: &HeaderMap, e: multer::Error) -> Response {
    // The body limit ends the stream with an error of its own.
    let over = std::error::Error::source(&e).is_some_and(|s| s.to_string().contains("length limit"))
        || e.to_string().contains("length limit");
    if over {
        too_large(headers)
    } else {
        StatusCode::BAD_REQUEST.into_response()
    }
}

/// `GET /photos/{key}/{t|d}.jpg`: a photo's thumbnail or display copy, to
/// those who may read its item; not found to anyone else.
pub async fn photo(State(state): State<AppState>, Path((key, file)): Path<(String, String)>, req: Request) -> Response {
    let me = req.extensions().get::<RequestCtx>().and_then(|c| c.me.clone());
    let variant = match file.as_str() {
        "t.jpg" => "t",
        "d.jpg" => "d",
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    match photos::serve(&state, me.as_ref(), &key, variant).await {
        Ok(served) => {
            // The bytes behind a key never change: a browser keeps them. A
            // photo of a private item, or one hidden, is for its readers
            // only, and checked again on each look.
            let cache = if served.private {
                "private, no-cache"
            } else {
                "public, max-age=3600"
            };
            (
                [
                    (header::CONTENT_TYPE, "image/jpeg"),
                    (header::CACHE_CONTROL, cache),
                    (header::CONTENT_SECURITY_POLICY, "default-src 'none'; sandbox"),
                ],
                served.bytes,
            )
                .into_response()
        }
        Err(app::error::AppError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = ?e, "serving a photo");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
