//! Photos and a point on forms and pages. The form parts work as plain
//! HTML (`multipart/form-data`); `/photos.js`, loaded only where a photo
//! field is, shrinks photos in the browser before they leave the phone,
//! shows progress, and offers "use my location".
use crate::components::form::{post_url, FormState};
use crate::components::use_lang;
use crate::i18n::error_message;
use crate::i18n::photos::pmsg;
use crate::model::{GeoPoint, PhotoView};
use leptos::prelude::*;

/// The form's photo field (at most `room` more).
#[component]
pub fn PhotoField(form: FormState) -> impl IntoView {
    let lang = use_lang();
    let p = pmsg(lang);
    let came_back = form.flash.is_some();
    let error = move || form.error.get().and_then(|e| e.for_field("photos"));
    let described = move || {
        if error().is_some() {
            "f-photos-hint f-photos-err"
        } else {
            "f-photos-hint"
        }
    };
    view! {
        <div class="field" class:invalid=move || error().is_some()>
            <label for="f-photos">{p.photos}</label>
            <input id="f-photos" name="photos" type="file" multiple=true data-shrink=""
                accept="image/jpeg,image/png,image/webp" aria-describedby=described
                aria-invalid=move || error().map(|_| "true")/>
            <p class="hint" id="f-photos-hint">
                {p.photos_hint}
                {came_back.then(|| view! { " " <strong>{p.photos_again}</strong> })}
            </p>
            <Show when=move || error().is_some()>
                <p class="error" id="f-photos-err">{move || error().map(|e| error_message(lang, &e))}</p>
            </Show>
            <p class="hint" data-progress="" data-sending=p.sending data-failed=p.upload_failed hidden=true role="status"></p>
        </div>
    }
}

/// Latitude and longitude of the place, with "use my location" and "pick
/// on a map" for browsers with script.
#[component]
pub fn PointField(form: FormState, value: Option<GeoPoint>) -> impl IntoView {
    let lang = use_lang();
    let p = pmsg(lang);
    let (lat, lon) = (
        form.value("lat", &value.map(|g| g.lat()).unwrap_or_default()),
        form.value("lon", &value.map(|g| g.lon()).unwrap_or_default()),
    );
    let error = move || form.error.get().and_then(|e| e.for_field("lat"));
    let described = move || {
        if error().is_some() {
            "f-lat-hint f-lat-err"
        } else {
            "f-lat-hint"
        }
    };
    view! {
        <fieldset class="field point" class:invalid=move || error().is_some()>
            <legend>{p.place}</legend>
            <p class="hint" id="f-lat-hint">{p.place_hint}</p>
            <Show when=move || error().is_some()>
                <p class="error" id="f-lat-err">{move || error().map(|e| error_message(lang, &e))}</p>
            </Show>
            <div class="pair">
                <label>{p.latitude}
                    <input id="f-lat" name="lat" type="text" inputmode="decimal" autocomplete="off" maxlength=20 value=lat
                        aria-describedby=described aria-invalid=move || error().map(|_| "true")/>
                </label>
                <label>{p.longitude}
                    <input id="f-lon" name="lon" type="text" inputmode="decimal" autocomplete="off" maxlength=20 value=lon
                        aria-describedby="f-lat-hint"/>
                </label>
            </div>
            <button type="button" data-locate="" hidden=true data-finding=p.locating data-failed=p.no_location>
                {p.use_location}
            </button>
            <p class="hint" data-locate-status="" role="status" hidden=true></p>
            {map_tiles().map(|(tiles, credit)| view! {
                <button type="button" data-map="" hidden=true data-tiles=tiles data-credit=credit
                    data-label=p.map_label data-zoom-in=p.zoom_in data-zoom-out=p.zoom_out>
                    {p.pick_on_map}
                </button>
            })}
        </fieldset>
    }
}

/// The map's tile address template and credit, when the site has a map.
fn map_tiles() -> Option<(String, String)> {
    #[cfg(feature = "ssr")]
    {
        let st = crate::server::state().ok()?;
        Some((st.config.map_tiles.clone()?, st.config.map_attribution.clone()))
    }
    #[cfg(not(feature = "ssr"))]
    None
}

/// An item's photos: thumbnails that open the display copy.
#[component]
pub fn Photos(photos: Vec<PhotoView>) -> impl IntoView {
    let lang = use_lang();
    let p = pmsg(lang);
    (!photos.is_empty()).then(|| {
        let total = photos.len();
        view! {
            <ul class="photos">
                {photos.into_iter().map(|ph| {
                    let alt = format!("{} {} / {total}", p.photo_n, ph.position);
                    let key = ph.key.clone();
                    let body = if ph.hidden {
                        view! { <p class="hint">{p.hidden}</p> }.into_any()
                    } else {
                        view! {
                            <a href=format!("/photos/{}/d.jpg", ph.key)>
                                <img src=format!("/photos/{}/t.jpg", ph.key) width=ph.thumb_width height=ph.thumb_height
                                    loading="lazy" decoding="async" alt=alt/>
                            </a>
                        }.into_any()
                    };
                    view! {
                        <li>
                            {body}
                            {ph.hideable.then(|| {
                                let key = key.clone();
                                let id = format!("hide-{}", ph.key);
                                view! {
                                    <details class="hide-photo">
                                        <summary>{p.hide}</summary>
                                        <form method="post" action={post_url::<crate::api::HidePhoto>()}>
                                            <input type="hidden" name="key" value=key/>
                                            <label for=id.clone()>{p.hide_reason}</label>
                                            <input id=id name="reason" required=true maxlength=500/>
                                            <button type="submit">{p.hide}</button>
                                        </form>
                                    </details>
                                }
                            })}
                            {ph.removable.then(|| view! {
                                <details class="hide-photo">
                                    <summary>{p.remove}</summary>
                                    <form method="post" action={post_url::<crate::api::RemovePhoto>()}>
                                        <input type="hidden" name="key" value=key.clone()/>
                                        <p class="hint">{p.remove_warning}</p>
                                        <button type="submit">{p.remove_confirm}</button>
                                    </form>
                                </details>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
    })
}

/// A point, linked to the phone's map app and to OpenStreetMap.
#[component]
pub fn PointLinks(point: GeoPoint) -> impl IntoView {
    let p = pmsg(use_lang());
    view! {
        {format!("{}, {} · ", point.lat(), point.lon())}
        <a href=point.geo_uri()>{p.open_map}</a>
        " · "
        <a href=point.osm_url() rel="noopener">{p.open_osm}</a>
    }
}
